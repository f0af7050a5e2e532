using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.WorkOrders;

/// <summary>
/// A ready workshop (RUB, Russian, a newly registered owner): two stocked parts, a repair service «Замена тормозных
/// колодок» (fixed labour 3000.00, VAT 20 %) whose template has two stages (diagnostics with a checklist; pad
/// replacement with a required photo that uses 1 set of pads and 0.5 l of brake fluid), a client with a car; and
/// short routes.
/// </summary>
public sealed class WorkshopShop
{
    private WorkshopShop(JsonElement tenant, HttpClient client, PorticoFactory app)
    {
        Tenant = tenant;
        Client = client;
        App = app;
    }

    public JsonElement Tenant { get; }

    /// <summary>The workshop's owner (to sign in to the console as them).</summary>
    public TestUser Owner { get; private set; } = default!;

    public string Slug => Tenant.Str("slug");

    public HttpClient Client { get; }

    public PorticoFactory App { get; }

    public string PadsId { get; private set; } = "";

    public string FluidId { get; private set; } = "";

    /// <summary>The repair service's Catalog service id.</summary>
    public string BrakesId { get; private set; } = "";

    public string ContactId { get; private set; } = "";

    public string VehicleId { get; private set; } = "";

    /// <summary><c>/api/v1/tenants/{slug}/{path}</c>.</summary>
    public string Api(string path) => $"/api/v1/tenants/{Slug}/{path}";

    /// <summary><c>/api/v1/tenants/{slug}/workshop/{path}</c>.</summary>
    public string Workshop(string path) => Api($"workshop/{path}");

    public string Order(string id, string path = "") => Workshop($"work-orders/{id}{path}");

    /// <param name="pads">Sets of brake pads in stock.</param>
    public static async Task<WorkshopShop> CreateAsync(PorticoFactory app, decimal pads = 4)
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = "Автосервис «Колесо»", slug = Http.Unique("wo"), vertical = "workshop", locale = "ru", currency = "RUB", country = "RU" })
            .ShouldBe(HttpStatusCode.Created);
        var shop = new WorkshopShop(tenant, client, app) { Owner = owner };
        shop.PadsId = (await client.PostJson(shop.Api("inventory/items"), new { sku = "BP-100", name = "Колодки тормозные", unit = "set", price = "2500.00", cost = "1500.00", vatRate = 20 })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        shop.FluidId = (await client.PostJson(shop.Api("inventory/items"), new { sku = "BF-4", name = "Тормозная жидкость DOT4", unit = "l", price = "800.00", cost = "400.00", vatRate = 20 })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        if (pads > 0)
        {
            await client.PostJson(shop.Api("inventory/movements"), new { type = "receipt", itemId = shop.PadsId, quantity = pads }).ShouldBeOk();
        }

        await client.PostJson(shop.Api("inventory/movements"), new { type = "receipt", itemId = shop.FluidId, quantity = 10 }).ShouldBeOk();

        var service = await client.PostJson(shop.Api("catalog/services"), new { name = new { ru = "Замена тормозных колодок", en = "Brake pad replacement" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 90 })
            .ShouldBe(HttpStatusCode.Created);
        shop.BrakesId = service.Str("id");
        await client.PostJson(shop.Workshop("services"), new { serviceId = shop.BrakesId, labour = new { kind = "fixed", price = "3000.00" }, vatRate = 20 })
            .ShouldBe(HttpStatusCode.Created);
        await client.PutAsJsonAsync(shop.Workshop($"services/{shop.BrakesId}/stages"), new
        {
            stages = new object[]
            {
                new { name = new { ru = "Диагностика", en = "Diagnostics" }, expectedMinutes = 30, checklist = new[] { "Проверить диски", "Проверить суппорты" } },
                new
                {
                    name = new { ru = "Замена колодок", en = "Pad replacement" }, expectedMinutes = 60, requiredSkill = "brakes", photoRequired = true,
                    parts = new object[] { new { itemId = shop.PadsId, quantity = 1 }, new { itemId = shop.FluidId, quantity = 0.5 } },
                },
            },
        }).ShouldBe(HttpStatusCode.Created);

        shop.ContactId = (await client.PostJson(shop.Api("crm/contacts"), new { name = "Иван Петров", emails = new[] { "ivan@example.com" }, phones = new[] { "+7 916 123-45-67" } })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        shop.VehicleId = (await client.PostJson(shop.Api("crm/vehicles"), new { contactId = shop.ContactId, make = "Лада", model = "Веста", year = 2019, plate = "А123ВС77" })
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        return shop;
    }

    /// <summary>Opens an order for the client's car with the brake service.</summary>
    public Task<JsonElement> OpenOrderAsync(object? extra = null) =>
        Client.PostJson(Workshop("work-orders"), extra ?? new { contactId = ContactId, vehicleId = VehicleId, services = new[] { new { serviceId = BrakesId } }, complaint = "Скрип при торможении" })
            .ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> MoveAsync(string orderId, string status, object? extra = null) =>
        Client.PostJson(Order(orderId, "/status"), extra ?? new { status }).ShouldBeOk();

    public async Task<decimal> AvailableAsync(string itemId) =>
        (await Client.GetAsync(Api($"inventory/items/{itemId}")).ShouldBeOk()).GetProperty("available").GetDecimal();
}
