using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.WorkOrders;

/// <summary>The client's garage: one signed link per client with all their cars and work orders, and the desk's way to get it.</summary>
public abstract class GarageTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task The_garage_shows_the_clients_cars_with_progress_of_open_orders_and_the_history_but_no_drafts_and_nothing_of_others()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var secondCar = (await shop.Client.PostJson(shop.Api("crm/vehicles"), new { contactId = shop.ContactId, make = "Kia", model = "Rio", year = 2021, plate = "В456ОР99" })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        var working = await shop.OpenOrderAsync(new { contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId } }, odometer = 84200, notes = "Клиент торгуется" });
        var workingId = working.Str("id");
        await shop.MoveAsync(workingId, "estimate_sent");
        await shop.MoveAsync(workingId, "approved");
        await Garaged.CompleteDiagnosticsAsync(shop, working);
        var awaiting = await shop.OpenOrderAsync();
        await shop.MoveAsync(awaiting.Str("id"), "estimate_sent");
        var draft = await shop.OpenOrderAsync();
        var cancelled = await shop.OpenOrderAsync(new { contactId = shop.ContactId, vehicleId = secondCar, services = new[] { new { serviceId = shop.BrakesId } } });
        await shop.MoveAsync(cancelled.Str("id"), "estimate_sent");
        await shop.MoveAsync(cancelled.Str("id"), "cancelled", new { status = "cancelled", reason = "Клиент передумал" });
        var (neighbour, neighbourCar) = await NeighbourAsync(shop);
        var theirs = await shop.OpenOrderAsync(new { contactId = neighbour, vehicleId = neighbourCar, services = new[] { new { serviceId = shop.BrakesId } } });
        await shop.MoveAsync(theirs.Str("id"), "estimate_sent");

        var link = (await shop.Client.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeOk()).Str("url");
        link.ShouldContain("/g/");
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(Garaged.Public(Garaged.TokenOf(link)));
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, raw);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var view = JsonDocument.Parse(raw).RootElement;

        view.Str("workshop").ShouldBe("Автосервис «Колесо»");
        view.Str("firstName").ShouldBe("Иван Петров"); // no first name in the CRM: the display name
        view.Str("language").ShouldBe("ru");
        var cars = view.GetProperty("vehicles").EnumerateArray().ToList();
        cars.Select(c => c.Str("id")).ShouldBe([shop.VehicleId, secondCar]);
        var car = cars[0];
        (car.Str("label"), car.Str("make"), car.Str("model"), car.GetProperty("year").GetInt32(), car.Str("plate")).ShouldBe(("Лада Веста (2019) · А123ВС77", "Лада", "Веста", 2019, "А123ВС77"));
        (car.GetProperty("odometer").GetInt64(), car.Str("odometerUnit")).ShouldBe((84200L, "km"));

        var open = car.GetProperty("open").EnumerateArray().ToList();
        open.Select(o => o.Str("orderId")).ShouldBe([awaiting.Str("id"), workingId]); // newest first; the draft is not there
        var inWork = open[1];
        inWork.GetProperty("number").GetInt64().ShouldBe(working.GetProperty("number").GetInt64());
        inWork.Str("status").ShouldBe("in_progress");
        (inWork.GetProperty("statusLabel").Str("en"), inWork.GetProperty("statusLabel").Str("ru")).ShouldBe(("Your car is being worked on", "Машина в работе"));
        (inWork.GetProperty("stagesDone").GetInt32(), inWork.GetProperty("stageCount").GetInt32()).ShouldBe((1, 2));
        var stage = inWork.GetProperty("currentStage");
        (stage.GetProperty("position").GetInt32(), stage.Str("name"), stage.Str("status")).ShouldBe((1, "Замена колодок", "pending"));
        (inWork.GetProperty("total").Str("amount"), inWork.GetProperty("total").Str("currency")).ShouldBe(("7080.00", "RUB"));
        inWork.GetProperty("estimateAwaiting").GetBoolean().ShouldBeFalse();
        inWork.Str("trackingUrl").ShouldBe(working.Str("trackingUrl"));
        var waiting = open[0];
        waiting.Str("status").ShouldBe("estimate_sent");
        waiting.GetProperty("estimateAwaiting").GetBoolean().ShouldBeTrue();
        waiting.GetProperty("statusLabel").Str("ru").ShouldBe("Смета ждёт вашего решения");
        waiting.GetProperty("currentStage").GetProperty("name").GetString().ShouldBe("Диагностика");
        car.GetProperty("history").GetArrayLength().ShouldBe(0);

        var second = cars[1];
        second.GetProperty("open").GetArrayLength().ShouldBe(0);
        var closed = second.GetProperty("history").EnumerateArray().ShouldHaveSingleItem();
        (closed.Str("orderId"), closed.Str("status"), closed.GetProperty("statusLabel").Str("en")).ShouldBe((cancelled.Str("id"), "cancelled", "Cancelled"));
        closed.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        closed.Str("trackingUrl").ShouldBe(cancelled.Str("trackingUrl"));

        // Nothing of the draft, of the neighbour, or of the workshop's own.
        raw.ShouldNotContain(draft.Str("id"));
        raw.ShouldNotContain(theirs.Str("id"));
        raw.ShouldNotContain(neighbourCar);
        raw.ShouldNotContain("Мария");
        raw.ShouldNotContain("Клиент торгуется");
        raw.ShouldNotContain("ivan@example.com");
        raw.ShouldNotContain("mechanic", Case.Insensitive);

        // The tracking page's API links back to the client's garage.
        (await anonymous.GetAsync(Tracked.Public(Tracked.TokenOf(working))).ShouldBeOk()).Str("garageUrl").ShouldBe(link);

        // The status changes carry it for notification templates.
        using (var stream = await SseClient.OpenAsync(shop.Client, shop.Api("events/stream"), lastEventId: "0"))
        {
            var changed = JsonDocument.Parse((await stream.NextAsync("work-order-status-changed")).Data).RootElement;
            changed.GetProperty("data").Str("garageUrl").ShouldBe(link);
        }

        // The neighbour's own garage: their first name, their car, their order; none of Ivan's.
        var neighbourLink = (await shop.Client.GetAsync(Garaged.GarageLink(shop, neighbour)).ShouldBeOk()).Str("url");
        neighbourLink.ShouldNotBe(link);
        var theirView = await anonymous.GetAsync(Garaged.Public(Garaged.TokenOf(neighbourLink))).ShouldBeOk();
        theirView.Str("firstName").ShouldBe("Мария");
        var theirCar = theirView.GetProperty("vehicles").EnumerateArray().ShouldHaveSingleItem();
        theirCar.Str("id").ShouldBe(neighbourCar);
        theirCar.GetProperty("open").EnumerateArray().Select(o => o.Str("orderId")).ShouldBe([theirs.Str("id")]);
        theirView.ToString().ShouldNotContain(workingId);
        theirView.ToString().ShouldNotContain(shop.VehicleId);
    }

    [Fact]
    public async Task A_forged_link_or_another_links_token_is_a_404_and_another_tenants_garage_shows_only_its_own()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await shop.OpenOrderAsync();
        await shop.MoveAsync(order.Str("id"), "estimate_sent");
        var other = await WorkshopShop.CreateAsync(app);
        var otherOrder = await other.OpenOrderAsync();
        await other.MoveAsync(otherOrder.Str("id"), "estimate_sent");
        var anonymous = app.CreateClient();
        var token = Garaged.TokenOf((await shop.Client.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeOk()).Str("url"));

        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        (await anonymous.GetAsync(Garaged.Public(tampered)).ShouldBeProblem(HttpStatusCode.NotFound)).ToString().ShouldNotContain(shop.ContactId);
        await anonymous.GetAsync(Garaged.Public("not-a-token")).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync(Garaged.Public(shop.ContactId)).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync(Garaged.Public(Tracked.TokenOf(order))).ShouldBeProblem(HttpStatusCode.NotFound); // a tracking token is no garage token
        await anonymous.GetAsync(Tracked.Public(token)).ShouldBeProblem(HttpStatusCode.NotFound); // nor the other way round

        // The other workshop's client with their own link: their workshop, their order; ours never.
        var theirs = await anonymous.GetAsync(Garaged.Public(Garaged.TokenOf((await other.Client.GetAsync(Garaged.GarageLink(other, other.ContactId)).ShouldBeOk()).Str("url")))).ShouldBeOk();
        theirs.GetProperty("vehicles").EnumerateArray().ShouldHaveSingleItem().GetProperty("open").EnumerateArray().Select(o => o.Str("orderId")).ShouldBe([otherOrder.Str("id")]);
        theirs.ToString().ShouldNotContain(order.Str("id"));

        // The desk's route: another tenant's contact and an unknown one are 404; a mechanic or the front desk may not have links made.
        await other.Client.GetAsync(Garaged.GarageLink(other, shop.ContactId)).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.GetAsync(Garaged.GarageLink(shop, Guid.NewGuid().ToString())).ShouldBeProblem(HttpStatusCode.NotFound);
        var mechanic = await AddMemberAsync(shop, "Mechanic");
        await mechanic.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var employee = await AddMemberAsync(shop, "Employee");
        await employee.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_history_keeps_the_newest_closed_orders_of_each_car_up_to_the_limit()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var closed = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            var order = await shop.OpenOrderAsync();
            await shop.MoveAsync(order.Str("id"), "cancelled");
            closed.Add(order.Str("id"));
        }

        var link = (await shop.Client.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeOk()).Str("url");
        var view = await app.CreateClient().GetAsync(Garaged.Public(Garaged.TokenOf(link))).ShouldBeOk();

        var history = view.GetProperty("vehicles").EnumerateArray().ShouldHaveSingleItem().GetProperty("history").EnumerateArray().Select(o => o.Str("orderId")).ToList();
        history.ShouldBe([.. Enumerable.Reverse(closed).Take(20)]);
    }

    /// <summary>Another client of the same workshop (with a first name in the CRM) and their car.</summary>
    private static async Task<(string Contact, string Car)> NeighbourAsync(WorkshopShop shop)
    {
        var contact = (await shop.Client.PostJson(shop.Api("crm/contacts"), new { firstName = "Мария", lastName = "Сидорова", emails = new[] { "maria@example.com" } })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        var car = (await shop.Client.PostJson(shop.Api("crm/vehicles"), new { contactId = contact, make = "Skoda", model = "Octavia", year = 2018, plate = "Е777КХ77" })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        return (contact, car);
    }

    private async Task<HttpClient> AddMemberAsync(WorkshopShop shop, string role)
    {
        var user = await app.RegisterAsync();
        await shop.Client.PostJson(shop.Api("invitations"), new { email = user.Email, role }).ShouldBe(HttpStatusCode.Created);
        var client = user.Client(app);
        await client.PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        return client;
    }
}

public sealed class GarageTestsOnSqlite(SqliteFactory app) : GarageTests<SqliteFactory>(app);

public sealed class GarageTestsOnPostgres(PostgresFactory app) : GarageTests<PostgresFactory>(app);

/// <summary>Routes and steps the garage tests (API and page) share.</summary>
internal static class Garaged
{
    internal static string GarageLink(WorkshopShop shop, string contactId) => shop.Workshop($"clients/{contactId}/garage-link");

    internal static string Public(string token) => $"/api/v1/public/workshop/garage/{token}";

    internal static string TokenOf(string url) => url.Split("/g/")[1];

    /// <summary>Starts the approved order's first stage (diagnostics), ticks its checklist and completes it, as the owner.</summary>
    internal static async Task CompleteDiagnosticsAsync(WorkshopShop shop, JsonElement order)
    {
        var id = order.Str("id");
        var diagnostics = order.GetProperty("stages")[0].Str("id");
        await shop.Client.PostAsync(shop.Order(id, $"/stages/{diagnostics}/start"), null).ShouldBeOk();
        await shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/0"), new { done = true }).ShouldBeOk();
        await shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/checklist/1"), new { done = true }).ShouldBeOk();
        await shop.Client.PostJson(shop.Order(id, $"/stages/{diagnostics}/complete"), new { actualMinutes = 25 }).ShouldBeOk();
    }
}
