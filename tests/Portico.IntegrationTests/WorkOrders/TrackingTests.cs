using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders;
using Portico.WorkOrders.Orders;

namespace Portico.IntegrationTests.WorkOrders;

/// <summary>The client's side of a work order: the signed tracking link's view, the estimate decided line by line, and the client's notifications.</summary>
public abstract class TrackingTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private const string Secret = "Ключ от машины под ковриком";

    [Fact]
    public async Task The_tracking_link_shows_progress_and_the_estimate_and_hides_the_workshops_internals()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await shop.OpenOrderAsync(new
        {
            contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId } },
            complaint = "Скрип при торможении", notes = Secret,
        });
        var id = order.Str("id");
        await shop.MoveAsync(id, "estimate_sent");
        var photo = await UploadAsync(shop, "pads.png", "image/png");
        await AddEntriesAsync(shop, Guid.Parse(id), Guid.Parse(order.GetProperty("stages")[1].Str("id")), photo);
        var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync(Tracked.Public(Tracked.TokenOf(order)));
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, raw);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var view = JsonDocument.Parse(raw).RootElement;
        view.Str("workshop").ShouldBe("Автосервис «Колесо»");
        view.GetProperty("number").GetInt64().ShouldBe(order.GetProperty("number").GetInt64());
        view.Str("status").ShouldBe("estimate_sent");
        view.Str("vehicle").ShouldBe("Лада Веста (2019) · А123ВС77");
        view.Str("language").ShouldBe("ru");
        var progress = view.GetProperty("progress");
        progress.GetProperty("stageCount").GetInt32().ShouldBe(2);
        progress.GetProperty("stagesDone").GetInt32().ShouldBe(0);
        progress.GetProperty("current").GetInt32().ShouldBe(0);
        progress.GetProperty("stages").EnumerateArray().Select(s => (s.Str("name"), s.Str("status"), s.GetProperty("current").GetBoolean()))
            .ShouldBe([("Диагностика", "pending", true), ("Замена колодок", "pending", false)]);
        var estimate = view.GetProperty("estimate");
        estimate.GetProperty("open").GetBoolean().ShouldBeTrue();
        var line = estimate.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        (line.Str("name"), line.Str("approval"), line.GetProperty("gross").Str("amount")).ShouldBe(("Замена тормозных колодок", "pending", "3600.00"));
        estimate.GetProperty("parts").EnumerateArray().Select(p => (p.Str("name"), p.GetProperty("gross").Str("amount")))
            .ShouldBe([("Тормозная жидкость DOT4", "480.00"), ("Колодки тормозные", "3000.00")]);
        estimate.GetProperty("totals").GetProperty("total").Str("amount").ShouldBe("7080.00");

        var timeline = view.GetProperty("timeline").EnumerateArray().ToList();
        timeline.ShouldContain(e => e.Str("kind") == "comment" && e.Str("text") == "Колодки стёрты до металла");
        timeline.ShouldContain(e => e.Str("kind") == "status_changed" && e.Str("status") == "estimate_sent");
        var shared = timeline.Single(e => e.Str("kind") == "attachment");
        shared.GetProperty("stagePosition").GetInt32().ShouldBe(1);
        shared.GetProperty("file").GetProperty("photo").GetBoolean().ShouldBeTrue();
        var signed = await anonymous.GetAsync(shared.GetProperty("file").Str("url"));
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signed.Content.ReadAsByteArrayAsync()).ShouldBe(Tracked.Png);

        // Nothing of the workshop's own: notes, internal comments, mechanics, stock, the client's contacts, actors.
        raw.ShouldNotContain(Secret);
        raw.ShouldNotContain("Внутренний комментарий");
        raw.ShouldNotContain("ivan@example.com");
        raw.ShouldNotContain("mechanic", Case.Insensitive);
        raw.ShouldNotContain("cost", Case.Insensitive);
        raw.ShouldNotContain("reserved", Case.Insensitive);
        raw.ShouldNotContain("user:");
        raw.ShouldNotContain(shop.PadsId);

        // A changed character, an unknown token, the staff id: all 404, with nothing of the order.
        var token = Tracked.TokenOf(order);
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        (await anonymous.GetAsync(Tracked.Public(tampered)).ShouldBeProblem(HttpStatusCode.NotFound)).ToString().ShouldNotContain(id);
        await anonymous.GetAsync(Tracked.Public("not-a-token")).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync(Tracked.Public(id)).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.PostAsJsonAsync(Tracked.Public(tampered, "/estimate"), new { lines = Array.Empty<object>() }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approving_one_line_and_declining_another_approves_the_order_skips_the_declined_stage_and_releases_its_parts()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var bleeding = await Tracked.AddBleedingServiceAsync(shop);
        var order = await shop.OpenOrderAsync(new
        {
            contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId }, new { serviceId = bleeding } },
        });
        var id = order.Str("id");
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(8.5m); // 0.5 l for the pads, 1 l for bleeding
        order.GetProperty("totals").GetProperty("total").Str("amount").ShouldBe("9240.00"); // 7080 + 1200 + 960 VAT-inclusive
        await shop.MoveAsync(id, "estimate_sent");
        var lines = order.GetProperty("lines").EnumerateArray().ToList();
        var (brakes, bleed) = (lines.Single(l => l.Str("serviceId") == shop.BrakesId).Str("id"), lines.Single(l => l.Str("serviceId") == bleeding).Str("id"));
        var anonymous = app.CreateClient();

        // As a phone behind the platform's proxy would arrive: the address the forwarded-headers rules settled on.
        using var phone = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"))) { BaseAddress = app.Server.BaseAddress };
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) TrackingTest/1.0");
        var decided = await phone.PostAsJsonAsync(Tracked.Public(Tracked.TokenOf(order), "/estimate"), new
        {
            lines = new[] { new { lineId = brakes, decision = "approved" }, new { lineId = bleed, decision = "declined" } },
        }).ShouldBeOk();

        decided.Str("status").ShouldBe("approved");
        decided.GetProperty("estimate").GetProperty("open").GetBoolean().ShouldBeFalse();
        decided.GetProperty("estimate").GetProperty("lines").EnumerateArray().Select(l => l.Str("approval")).ShouldBe(["approved", "declined"]);
        decided.GetProperty("progress").GetProperty("stages").EnumerateArray().Select(s => s.Str("status")).ShouldBe(["pending", "pending", "skipped"]);
        decided.GetProperty("progress").GetProperty("stagesDone").GetInt32().ShouldBe(1);
        decided.GetProperty("estimate").GetProperty("totals").GetProperty("total").Str("amount").ShouldBe("7080.00");
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(9.5m);
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(3m);

        var staff = await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk();
        staff.Str("status").ShouldBe("approved");
        staff.Str("approvedBy").ShouldBe("client");
        staff.GetProperty("totals").GetProperty("total").Str("amount").ShouldBe("7080.00");
        staff.GetProperty("stageCount").GetInt32().ShouldBe(3);
        staff.GetProperty("stagesDone").GetInt32().ShouldBe(1);
        staff.GetProperty("lines").EnumerateArray().ShouldAllBe(l => l.Str("decidedBy") == "client" && l.GetProperty("decidedAt").ValueKind == JsonValueKind.String);
        var parts = staff.GetProperty("parts").EnumerateArray().ToList();
        parts.Where(p => p.Str("lineId") == bleed).ShouldAllBe(p => p.Str("state") == "released");
        parts.Where(p => p.Str("lineId") == brakes).ShouldAllBe(p => p.Str("state") == "reserved");
        var recorded = await Tracked.InTenantAsync(app, shop, db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(id)));
        recorded.ApprovalUserAgent.ShouldBe("Mozilla/5.0 (Linux; Android 14) TrackingTest/1.0");
        recorded.ApprovalAddress.ShouldBe("203.0.113.7");
        var timeline = (await shop.Client.GetAsync(shop.Order(id, "/timeline")).ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        timeline.ShouldContain(e => e.Str("kind") == "line_decided" && e.Str("actor") == "client");
        timeline.ShouldContain(e => e.Str("kind") == "status_changed" && e.Str("actor") == "client" && e.GetProperty("data").Str("to") == "approved");

        // Decided once: the estimate is closed now.
        var again = await anonymous.PostAsJsonAsync(Tracked.Public(Tracked.TokenOf(order), "/estimate"), new { lines = new[] { new { lineId = brakes, decision = "approved" }, new { lineId = bleed, decision = "approved" } } })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        again.Str("type").ShouldEndWith("estimate-not-open");
    }

    [Fact]
    public async Task A_decision_made_while_the_workshop_edits_the_order_is_recorded_once_with_the_declined_parts_back_in_stock()
    {
        // The client's save may lose a race with the workshop's own write to the order: the client still gets the
        // decision recorded (never a 412 on the public page), and the stock and the order agree afterwards.
        const int Orders = 4;
        var shop = await WorkshopShop.CreateAsync(app, pads: Orders);
        var bleeding = await Tracked.AddBleedingServiceAsync(shop);
        var anonymous = app.CreateClient();
        for (var i = 0; i < Orders; i++)
        {
            var order = await shop.OpenOrderAsync(new
            {
                contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId }, new { serviceId = bleeding } },
            });
            var id = order.Str("id");
            await shop.MoveAsync(id, "estimate_sent");
            var lines = order.GetProperty("lines").EnumerateArray().ToList();
            var (brakes, bleed) = (lines.Single(l => l.Str("serviceId") == shop.BrakesId).Str("id"), lines.Single(l => l.Str("serviceId") == bleeding).Str("id"));

            var decision = anonymous.PostAsJsonAsync(Tracked.Public(Tracked.TokenOf(order), "/estimate"), new
            {
                lines = new[] { new { lineId = brakes, decision = "approved" }, new { lineId = bleed, decision = "declined" } },
            });
            var edits = Enumerable.Range(1, 3).Select(n => shop.Client.PatchJson(shop.Order(id), new { notes = $"Клиент звонил {n} раз" })).ToList();
            (await decision.ShouldBeOk()).Str("status").ShouldBe("approved");
            (await Task.WhenAll(edits)).Select(e => e.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.PreconditionFailed);

            var staff = await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk();
            staff.Str("status").ShouldBe("approved");
            var parts = staff.GetProperty("parts").EnumerateArray().ToList();
            parts.Where(p => p.Str("lineId") == bleed).Select(p => p.Str("state")).ShouldBe(["released"]);
            parts.Where(p => p.Str("lineId") == brakes).ShouldAllBe(p => p.Str("state") == "reserved");
            var kinds = (await shop.Client.GetAsync(shop.Order(id, "/timeline?limit=50")).ShouldBeOk()).GetProperty("items").EnumerateArray().Select(e => e.Str("kind")).ToList();
            kinds.Count(k => k == "line_decided").ShouldBe(1);
        }

        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(10m - (Orders * 0.5m));
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(0m);
    }

    [Fact]
    public async Task The_estimate_is_decided_only_while_sent_and_only_as_a_whole()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var bleeding = await Tracked.AddBleedingServiceAsync(shop);
        var order = await shop.OpenOrderAsync(new { contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId }, new { serviceId = bleeding } } });
        var id = order.Str("id");
        var lineIds = order.GetProperty("lines").EnumerateArray().Select(l => l.Str("id")).ToList();
        var url = Tracked.Public(Tracked.TokenOf(order), "/estimate");
        var anonymous = app.CreateClient();

        var draft = await anonymous.PostAsJsonAsync(url, new { lines = lineIds.Select(l => new { lineId = l, decision = "approved" }) }).ShouldBeProblem(HttpStatusCode.Conflict);
        draft.Str("type").ShouldEndWith("estimate-not-open");
        draft.Str("current").ShouldBe("draft");

        await shop.MoveAsync(id, "estimate_sent");
        var missing = await anonymous.PostAsJsonAsync(url, new { lines = new[] { new { lineId = lineIds[0], decision = "approved" } } }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        missing.GetProperty("errors").GetProperty("lines")[0].GetString()!.ShouldContain(lineIds[1]);
        var unknown = Guid.NewGuid().ToString();
        var stranger = await anonymous.PostAsJsonAsync(url, new { lines = lineIds.Select(l => new { lineId = l, decision = "approved" }).Append(new { lineId = unknown, decision = "approved" }) })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        stranger.GetProperty("errors").GetProperty("lines")[0].GetString()!.ShouldContain(unknown);
        var bad = await anonymous.PostAsJsonAsync(url, new { lines = new[] { new { lineId = lineIds[0], decision = "maybe" }, new { lineId = lineIds[1], decision = "approved" } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors").TryGetProperty("lines[0].decision", out _).ShouldBeTrue();
        await anonymous.PostAsJsonAsync(url, new { }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await anonymous.PostAsync(url, Http.RawJson("{\"lines\": ")).ShouldBeProblem(HttpStatusCode.BadRequest);

        // Every line declined: nothing to approve, the workshop decides; the parts go back to stock.
        var declined = await anonymous.PostAsJsonAsync(url, new { lines = lineIds.Select(l => new { lineId = l, decision = "declined" }) }).ShouldBeOk();
        declined.Str("status").ShouldBe("estimate_sent");
        declined.GetProperty("progress").GetProperty("stages").EnumerateArray().ShouldAllBe(s => s.Str("status") == "skipped");
        declined.GetProperty("estimate").GetProperty("totals").GetProperty("total").Str("amount").ShouldBe("0.00");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(4m);
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(10m);
        declined.GetProperty("timeline").EnumerateArray().ShouldContain(e => e.Str("kind") == "line_decided");
    }

    [Fact]
    public async Task The_client_is_told_by_email_when_the_status_changes_with_the_car_and_the_tracking_link()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await shop.OpenOrderAsync();
        var id = order.Str("id");
        var number = order.GetProperty("number").GetInt64();

        await shop.MoveAsync(id, "estimate_sent");

        var mail = await Patience.EventuallyAsync(
            () => Task.FromResult(app.Smtp.MailFor("ivan@example.com").Where(m => m.TextBody?.Contains(order.Str("trackingUrl"), StringComparison.Ordinal) == true).ToList()),
            m => m.Count > 0, "the client's status email");
        var message = mail.ShouldHaveSingleItem();
        message.Subject.ShouldBe($"Заказ-наряд №{number} (Лада Веста (2019) · А123ВС77): смета готова, ждём вашего решения");
        message.TextBody.ShouldNotBeNull().ShouldContain("Лада Веста (2019) · А123ВС77");
        message.TextBody.ShouldNotBeNull().ShouldContain(order.Str("trackingUrl"));
        var deliveries = await Patience.EventuallyAsync(
            async () => (await shop.Client.GetAsync(shop.Api("notifications/deliveries?eventType=work_order.status_changed")).ShouldBeOk()).GetProperty("items").EnumerateArray().ToList(),
            d => d.Count >= 2 && d.All(x => x.Str("status") is "sent" or "failed" or "skipped"), "the email and SMS deliveries");
        deliveries.Select(d => d.Str("channel")).Order().ShouldBe(["email", "sms"]);
        deliveries.ShouldAllBe(d => d.Str("status") == "sent");
    }

    private static async Task<Guid> UploadAsync(WorkshopShop shop, string name, string type)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Tracked.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        var stored = await (await shop.Client.PostAsync(shop.Api("files"), form)).ShouldBe(HttpStatusCode.Created);
        return Guid.Parse(stored.Str("id"));
    }

    /// <summary>What stage work leaves on the timeline: a shared comment, an internal one, a shared photo and an unshared one.</summary>
    private Task AddEntriesAsync(WorkshopShop shop, Guid orderId, Guid stageId, Guid photo) => Tracked.InTenantAsync(app, shop, async db =>
    {
        var order = await db.Orders.SingleAsync(o => o.Id == orderId);
        db.Entries.AddRange(
            new WorkOrderEntry { TenantId = order.TenantId, OrderId = orderId, StageId = stageId, Kind = EntryKinds.Comment, Actor = "user:test", Text = "Колодки стёрты до металла", Shared = true },
            new WorkOrderEntry { TenantId = order.TenantId, OrderId = orderId, StageId = stageId, Kind = EntryKinds.Comment, Actor = "user:test", Text = "Внутренний комментарий: клиент торгуется" },
            new WorkOrderEntry
            {
                TenantId = order.TenantId, OrderId = orderId, StageId = stageId, Kind = EntryKinds.Attachment, Actor = "user:test", FileId = photo, FileName = "pads.png",
                ContentType = "image/png", Shared = true,
            },
            new WorkOrderEntry { TenantId = order.TenantId, OrderId = orderId, StageId = stageId, Kind = EntryKinds.Attachment, Actor = "user:test", FileId = photo, FileName = "internal.png", ContentType = "image/png" });
        await db.SaveChangesAsync();
        return 0;
    });
}

public sealed class TrackingTestsOnSqlite(SqliteFactory app) : TrackingTests<SqliteFactory>(app);

public sealed class TrackingTestsOnPostgres(PostgresFactory app) : TrackingTests<PostgresFactory>(app);

/// <summary>Routes and data the tracking tests (API and page) share.</summary>
internal static class Tracked
{
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The token of the order's tracking link (<c>…/w/{token}</c>).</summary>
    public static string TokenOf(JsonElement order) => order.Str("trackingUrl").Split("/w/")[1];

    public static string Public(string token, string path = "") => $"/api/v1/public/work-orders/{token}{path}";

    public static async Task<T> InTenantAsync<T>(PorticoFactory app, WorkshopShop shop, Func<WorkOrdersDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(shop.Tenant.Str("id")), shop.Slug);
        return await work(scope.ServiceProvider.GetRequiredService<WorkOrdersDbContext>());
    }

    /// <summary>A second repair service: brake bleeding, 1000.00 labour + VAT, one stage using 1 l of brake fluid.</summary>
    public static async Task<string> AddBleedingServiceAsync(WorkshopShop shop)
    {
        var service = await shop.Client.PostJson(shop.Api("catalog/services"), new { name = new { ru = "Прокачка тормозов", en = "Brake bleeding" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 30 })
            .ShouldBe(HttpStatusCode.Created);
        var id = service.Str("id");
        await shop.Client.PostJson(shop.Workshop("services"), new { serviceId = id, labour = new { kind = "fixed", price = "1000.00" }, vatRate = 20 }).ShouldBe(HttpStatusCode.Created);
        await shop.Client.PutAsJsonAsync(shop.Workshop($"services/{id}/stages"), new
        {
            stages = new[] { new { name = new { ru = "Прокачка", en = "Bleeding" }, expectedMinutes = 30, parts = new[] { new { itemId = shop.FluidId, quantity = 1 } } } },
        }).ShouldBe(HttpStatusCode.Created);
        return id;
    }
}
