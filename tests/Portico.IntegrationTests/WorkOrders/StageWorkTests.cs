using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.WorkOrders;

public abstract class StageWorkTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    /// <summary>A real 1×1 PNG, as a phone camera's photo stands in for in tests.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_mechanic_sees_only_their_orders_and_their_queue_runs_by_booking_then_number_then_position()
    {
        var shop = await WorkshopShop.CreateAsync(app, pads: 10);
        var anna = await AddMemberAsync(shop, "Mechanic");
        var boris = await AddMemberAsync(shop, "Mechanic");
        var later = await ApprovedOrderAsync(shop);
        var sooner = await ApprovedOrderAsync(shop);
        var undated = await ApprovedOrderAsync(shop);
        var borisOwn = await ApprovedOrderAsync(shop);
        var unassigned = await ApprovedOrderAsync(shop);
        await shop.MoveAsync(later.Str("id"), "scheduled", new { status = "scheduled", scheduledAt = DateTimeOffset.UtcNow.AddDays(2) });
        await shop.MoveAsync(sooner.Str("id"), "scheduled", new { status = "scheduled", scheduledAt = DateTimeOffset.UtcNow.AddDays(1) });
        foreach (var order in new[] { later, sooner, undated })
        {
            var assigned = await shop.Client.PostJson(shop.Order(order.Str("id"), "/assign"), new { mechanicId = anna.Id }).ShouldBeOk();
            assigned.GetProperty("stages").EnumerateArray().ShouldAllBe(s => s.Str("mechanicId") == anna.Id);
        }

        await shop.Client.PostJson(shop.Order(borisOwn.Str("id"), "/assign"), new { mechanicId = boris.Id }).ShouldBeOk();
        var undatedSecond = StageId(undated, 1);
        var direct = await shop.Client.PostJson(shop.Order(undated.Str("id"), $"/stages/{undatedSecond}/assign"), new { mechanicId = boris.Id }).ShouldBeOk();
        direct.GetProperty("stages")[1].GetProperty("mechanicAssignedDirectly").GetBoolean().ShouldBeTrue();

        // Anna sees her three orders (one of them shared with Boris through a stage), nothing else.
        var list = await anna.Client.GetAsync(shop.Workshop("work-orders?sort=number")).ShouldBeOk();
        list.GetProperty("items").EnumerateArray().Select(o => o.Str("id")).ShouldBe([later.Str("id"), sooner.Str("id"), undated.Str("id")]);
        await anna.Client.GetAsync(shop.Order(borisOwn.Str("id"))).ShouldBeProblem(HttpStatusCode.NotFound);
        await anna.Client.GetAsync(shop.Order(unassigned.Str("id"))).ShouldBeProblem(HttpStatusCode.NotFound);
        await anna.Client.PostAsync(shop.Order(undated.Str("id"), $"/stages/{undatedSecond}/start"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await anna.Client.PostAsync(shop.Order(borisOwn.Str("id"), $"/stages/{StageId(borisOwn, 0)}/start"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        (await boris.Client.GetAsync(shop.Workshop("work-orders")).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(2);

        // Booked in first (sooner, then later), undated last; pages of two walk it without gaps or repeats.
        var expected = new[] { (sooner, 0), (sooner, 1), (later, 0), (later, 1), (undated, 0) }.Select(x => StageId(x.Item1, x.Item2)).ToList();
        (await QueueAsync(anna.Client, shop.Workshop("my-queue"))).ShouldBe(expected);
        (await QueueAsync(shop.Client, shop.Workshop($"mechanics/{anna.Id}/queue"))).ShouldBe(expected);
        var first = (await anna.Client.GetAsync(shop.Workshop("my-queue")).ShouldBeOk()).GetProperty("items")[0];
        first.GetProperty("orderNumber").GetInt64().ShouldBe(sooner.GetProperty("number").GetInt64());
        first.Str("vehicleLabel").ShouldBe("Лада Веста (2019) · А123ВС77");
        first.GetProperty("stageName").Str("ru").ShouldBe("Диагностика");
        (await QueueAsync(boris.Client, shop.Workshop("my-queue"))).ShouldBe([undatedSecond, StageId(borisOwn, 0), StageId(borisOwn, 1)]); // both undated: by number
        await anna.Client.GetAsync(shop.Workshop($"mechanics/{boris.Id}/queue")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await anna.Client.GetAsync(shop.Workshop("my-queue?cursor=bogus")).ShouldBeProblem(HttpStatusCode.BadRequest);

        // The stage given back to the order's mechanic comes back to Anna; a closed order leaves the queue.
        await shop.Client.PostJson(shop.Order(undated.Str("id"), $"/stages/{undatedSecond}/assign"), new { mechanicId = (string?)null }).ShouldBeOk();
        await shop.MoveAsync(later.Str("id"), "cancelled");
        (await QueueAsync(anna.Client, shop.Workshop("my-queue"))).ShouldBe([StageId(sooner, 0), StageId(sooner, 1), StageId(undated, 0), undatedSecond]);
        (await QueueAsync(boris.Client, shop.Workshop("my-queue"))).ShouldBe([StageId(borisOwn, 0), StageId(borisOwn, 1)]);
    }

    [Fact]
    public async Task A_mechanic_works_the_chain_to_ready_with_the_checklist_a_photo_and_the_parts_used()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var mechanic = await AddMemberAsync(shop, "Mechanic");
        var order = await ApprovedOrderAsync(shop);
        var id = order.Str("id");
        await shop.Client.PostJson(shop.Order(id, "/assign"), new { mechanicId = mechanic.Id }).ShouldBeOk();
        var (diagnostics, pads) = (StageId(order, 0), StageId(order, 1));
        var work = mechanic.Client;

        var started = await work.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeOk();
        started.Str("status").ShouldBe("in_progress");
        (await work.GetAsync(shop.Order(id)).ShouldBeOk()).Str("status").ShouldBe("in_progress");
        await work.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeProblem(HttpStatusCode.Conflict);

        var incomplete = await work.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { }).ShouldBeProblem(HttpStatusCode.Conflict);
        incomplete.Str("type").ShouldEndWith("checklist-incomplete");
        incomplete.GetProperty("unticked").EnumerateArray().Select(i => i.GetInt32()).ShouldBe([0, 1]);
        await work.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/2"), new { done = true }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await work.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/0"), new { done = true }).ShouldBeOk();
        var ticked = await work.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = true }).ShouldBeOk();
        ticked.GetProperty("checklist").EnumerateArray().ShouldAllBe(c => c.GetProperty("done").GetBoolean() && c.Str("doneBy") == mechanic.Id);
        var afterFirst = await work.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { actualMinutes = 25 }).ShouldBeOk();
        afterFirst.GetProperty("stagesDone").GetInt32().ShouldBe(1);
        afterFirst.GetProperty("stages")[0].GetProperty("actualMinutes").GetInt32().ShouldBe(25);
        afterFirst.Str("status").ShouldBe("in_progress");

        await work.PostAsync(shop.Order(id, $"/stages/{pads}/start"), null).ShouldBeOk();
        (await work.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("photo-required");
        await work.PostAsync(shop.Order(id, $"/stages/{pads}/attachments"), Upload("notes.txt", "колодки стёрты"u8.ToArray())).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        var photo = await work.PostAsync(shop.Order(id, $"/stages/{pads}/attachments"), Upload("pads.png", Png, shared: true)).ShouldBe(HttpStatusCode.Created);
        photo.Str("kind").ShouldBe("attachment");
        photo.Str("contentType").ShouldBe("image/png");
        photo.GetProperty("shared").GetBoolean().ShouldBeTrue();
        using (var download = await work.GetAsync(shop.Order(id, $"/attachments/{photo.Str("id")}")))
        {
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        }

        var comment = await work.PostJson(shop.Order(id, $"/stages/{pads}/comments"), new { text = "Передние колодки стёрты до металла", shared = true }).ShouldBe(HttpStatusCode.Created);
        comment.Str("actor").ShouldBe($"user:{mechanic.Id}");
        var extra = await work.PostJson(shop.Order(id, $"/stages/{pads}/parts"), new { itemId = shop.FluidId, quantity = 0.25 }).ShouldBe(HttpStatusCode.Created);
        extra.GetProperty("extra").GetBoolean().ShouldBeTrue();
        extra.Str("state").ShouldBe("consumed");

        var fluid = order.GetProperty("parts").EnumerateArray().Single(p => p.Str("sku") == "BF-4").Str("id");
        var ready = await work.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { parts = new[] { new { partId = fluid, quantity = 0.4 } } }).ShouldBeOk();
        ready.Str("status").ShouldBe("ready");
        ready.GetProperty("stagesDone").GetInt32().ShouldBe(2);
        ready.GetProperty("parts").EnumerateArray().Select(p => (p.Str("sku"), p.GetProperty("consumed").GetDecimal(), p.GetProperty("reserved").GetDecimal(), p.Str("state")))
            .ShouldBe([("BF-4", 0.4m, 0m, "consumed"), ("BP-100", 1m, 0m, "consumed"), ("BF-4", 0.25m, 0m, "consumed")]);
        ready.GetProperty("totals").GetProperty("parts").Str("amount").ShouldBe("3020.00"); // 2500 + 0.4 × 800 + 0.25 × 800

        var padsItem = await shop.Client.GetAsync(shop.Api($"inventory/items/{shop.PadsId}")).ShouldBeOk();
        padsItem.GetProperty("onHand").GetDecimal().ShouldBe(3m);
        padsItem.GetProperty("available").GetDecimal().ShouldBe(3m);
        var fluidItem = await shop.Client.GetAsync(shop.Api($"inventory/items/{shop.FluidId}")).ShouldBeOk();
        fluidItem.GetProperty("onHand").GetDecimal().ShouldBe(9.35m);
        fluidItem.GetProperty("available").GetDecimal().ShouldBe(9.35m);

        var timeline = (await shop.Client.GetAsync(shop.Order(id, "/timeline?limit=200")).ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        var byMechanic = timeline.Where(e => e.Str("actor") == $"user:{mechanic.Id}").Select(e => e.Str("kind")).ToHashSet();
        byMechanic.ShouldBe(["stage_started", "status_changed", "checklist_ticked", "stage_completed", "attachment", "comment", "part_added", "part_consumed"], ignoreOrder: true);
        timeline.Where(e => e.Str("actor") == $"user:{mechanic.Id}").ShouldAllBe(e => e.Str("actorName") == "Test Person");
        timeline.ShouldContain(e => e.Str("kind") == "status_changed" && e.GetProperty("data").Str("to") == "ready" && e.Str("actor") == $"user:{mechanic.Id}");
        timeline.Single(e => e.Str("kind") == "attachment").Str("fileId").ShouldBe(photo.Str("fileId"));
        timeline.Count(e => e.Str("kind") == "mechanic_assigned").ShouldBe(1);
    }

    [Fact]
    public async Task Closed_orders_strangers_and_bad_requests_are_refused_and_a_short_part_stops_completion_until_stock_arrives()
    {
        var shop = await WorkshopShop.CreateAsync(app, pads: 0);
        var mechanic = await AddMemberAsync(shop, "Mechanic");
        var employee = await AddMemberAsync(shop, "Employee");
        var order = await ApprovedOrderAsync(shop);
        var id = order.Str("id");
        var (diagnostics, pads) = (StageId(order, 0), StageId(order, 1));

        (await shop.Client.PostJson(shop.Order(id, "/assign"), new { mechanicId = employee.Id }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("mechanicId", out _).ShouldBeTrue();
        await shop.Client.PostJson(shop.Order(id, "/assign"), new { mechanicId = mechanic.Id }).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, "/assign"), new { mechanicId = mechanic.Id }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.Client.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeProblem(HttpStatusCode.Forbidden);
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/comments"), new { text = " " }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { }).ShouldBeProblem(HttpStatusCode.Conflict);

        var other = await WorkshopShop.CreateAsync(app);
        await other.Client.PostAsync(other.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PostJson(other.Order(id, "/assign"), new { mechanicId = (string?)null }).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.PostAsync(shop.Order(id, $"/stages/{StageId(await other.OpenOrderAsync(), 0)}/start"), null).ShouldBeProblem(HttpStatusCode.NotFound);

        // The pads are short: completing consumes the fluid, stops at the pads and keeps the stage open until they come.
        await mechanic.Client.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/0"), new { done = true }).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = true }).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = false }).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = true }).ShouldBeOk();
        await mechanic.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { }).ShouldBeOk();
        await mechanic.Client.PostAsync(shop.Order(id, $"/stages/{pads}/start"), null).ShouldBeOk();
        await mechanic.Client.PostAsync(shop.Order(id, $"/stages/{pads}/attachments"), Upload("photo.png", Png)).ShouldBe(HttpStatusCode.Created);
        var padsPart = order.GetProperty("parts").EnumerateArray().Single(p => p.Str("sku") == "BP-100").Str("id");
        var missing = await mechanic.Client.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { }).ShouldBeProblem(HttpStatusCode.Conflict);
        missing.Str("type").ShouldEndWith("insufficient-stock");
        missing.Str("partId").ShouldBe(padsPart);
        var stuck = await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk();
        stuck.GetProperty("stages")[1].Str("status").ShouldBe("in_progress");
        stuck.GetProperty("parts").EnumerateArray().Select(p => (p.Str("sku"), p.Str("state"))).ShouldBe([("BF-4", "consumed"), ("BP-100", "short")]);
        await shop.Client.PostJson(shop.Api("inventory/movements"), new { type = "receipt", itemId = shop.PadsId, quantity = 2 }).ShouldBeOk();
        (await mechanic.Client.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { }).ShouldBeOk()).Str("status").ShouldBe("ready");
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(9.5m); // consumed once, not again on the retry
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(1m);

        // Nothing more happens to a closed order.
        await shop.MoveAsync(id, "delivered");
        (await shop.Client.PostJson(shop.Order(id, "/assign"), new { mechanicId = (string?)null }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("work-order-closed");
        (await mechanic.Client.PostJson(shop.Order(id, $"/stages/{pads}/comments"), new { text = "Забыл сказать" }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("work-order-closed");
        var cancelled = await ApprovedOrderAsync(shop);
        await shop.Client.PostJson(shop.Order(cancelled.Str("id"), "/assign"), new { mechanicId = mechanic.Id }).ShouldBeOk();
        await shop.MoveAsync(cancelled.Str("id"), "cancelled");
        (await mechanic.Client.PostAsync(shop.Order(cancelled.Str("id"), $"/stages/{StageId(cancelled, 0)}/start"), null).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("work-order-not-workable");
    }

    [Fact]
    public async Task Completing_one_stage_twice_at_once_consumes_its_parts_once()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await ApprovedOrderAsync(shop);
        var (id, pads) = (order.Str("id"), StageId(order, 1));
        await shop.Client.PostAsync(shop.Order(id, $"/stages/{pads}/start"), null).ShouldBeOk();
        await shop.Client.PostAsync(shop.Order(id, $"/stages/{pads}/attachments"), Upload("photo.png", Png)).ShouldBe(HttpStatusCode.Created);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => shop.Client.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { })));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict || a.StatusCode == HttpStatusCode.PreconditionFailed);
        var item = await shop.Client.GetAsync(shop.Api($"inventory/items/{shop.PadsId}")).ShouldBeOk();
        item.GetProperty("onHand").GetDecimal().ShouldBe(3m);
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(9.5m);
    }

    [Fact]
    public async Task Two_mechanics_completing_two_stages_of_one_order_at_once_both_succeed_and_consume_once()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        const int orders = 4;
        for (var i = 0; i < orders; i++)
        {
            var order = await ApprovedOrderAsync(shop);
            var (id, diagnostics, pads) = (order.Str("id"), StageId(order, 0), StageId(order, 1));
            await shop.Client.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeOk();
            await shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/0"), new { done = true }).ShouldBeOk();
            await shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = true }).ShouldBeOk();
            await shop.Client.PostAsync(shop.Order(id, $"/stages/{pads}/start"), null).ShouldBeOk();
            await shop.Client.PostAsync(shop.Order(id, $"/stages/{pads}/attachments"), Upload("photo.png", Png)).ShouldBe(HttpStatusCode.Created);

            // Both stages end in the same instant: each consumes its own parts once, neither is refused for the other's save.
            var answers = await Task.WhenAll(
                shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { }),
                shop.Client.PostJson(shop.Order(id, $"/stages/{pads}/complete"), new { }));
            foreach (var answer in answers)
            {
                await answer.ShouldBe(HttpStatusCode.OK);
            }

            var done = await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk();
            done.Str("status").ShouldBe("ready");
            done.GetProperty("stages").EnumerateArray().Select(s => s.Str("status")).ShouldBe(["done", "done"]);
            done.GetProperty("parts").EnumerateArray().Select(p => p.Str("state")).ShouldAllBe(s => s == "consumed");
        }

        var stock = await shop.Client.GetAsync(shop.Api($"inventory/items/{shop.PadsId}")).ShouldBeOk();
        stock.GetProperty("onHand").GetDecimal().ShouldBe(0m);
        stock.GetProperty("available").GetDecimal().ShouldBe(0m);
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(10m - (orders * 0.5m));
    }

    private static string StageId(JsonElement order, int position) => order.GetProperty("stages")[position].Str("id");

    private static async Task<JsonElement> ApprovedOrderAsync(WorkshopShop shop)
    {
        var order = await shop.OpenOrderAsync();
        return await shop.MoveAsync(order.Str("id"), "approved");
    }

    private static async Task<List<string>> QueueAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetAsync(url + "?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))).ShouldBeOk();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Str("stageId")));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private static MultipartFormDataContent Upload(string fileName, byte[] bytes, bool shared = false)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(shared ? "true" : "false"), "shared" } };
    }

    private async Task<(string Id, HttpClient Client)> AddMemberAsync(WorkshopShop shop, string role)
    {
        var user = await app.RegisterAsync();
        await shop.Client.PostJson(shop.Api("invitations"), new { email = user.Email, role }).ShouldBe(HttpStatusCode.Created);
        var client = user.Client(app);
        await client.PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        return ((await client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id"), client);
    }
}

public sealed class StageWorkTestsOnSqlite(SqliteFactory app) : StageWorkTests<SqliteFactory>(app);

public sealed class StageWorkTestsOnPostgres(PostgresFactory app) : StageWorkTests<PostgresFactory>(app);
