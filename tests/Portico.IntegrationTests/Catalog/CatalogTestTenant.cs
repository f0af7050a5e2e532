using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Catalog;

/// <summary>A fresh studio tenant (RUB, Russian) made by a newly registered owner, with short catalog routes and builders.</summary>
public sealed class CatalogTestTenant
{
    private CatalogTestTenant(JsonElement tenant, HttpClient client)
    {
        Tenant = tenant;
        Client = client;
    }

    public JsonElement Tenant { get; }

    public string Slug => Tenant.Str("slug");

    public Guid Id => Guid.Parse(Tenant.Str("id"));

    public HttpClient Client { get; }

    /// <summary><c>/api/v1/tenants/{slug}/catalog/{path}</c>.</summary>
    public string Catalog(string path) => $"/api/v1/tenants/{Slug}/catalog/{path}";

    public string Public => $"/api/v1/public/tenants/{Slug}/catalog";

    public static async Task<CatalogTestTenant> CreateAsync(PorticoFactory app, string locale = "ru", string currency = "RUB")
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = "Студия", slug = Http.Unique("cat"), vertical = "studio", locale, currency, country = "RU" })
            .ShouldBe(HttpStatusCode.Created);
        return new CatalogTestTenant(tenant, client);
    }

    public Task<JsonElement> CreateCategoryAsync(string ru, string en, string? parentId = null) =>
        Client.PostJson(Catalog("categories"), new { name = new { ru, en }, parentId }).ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> CreateServiceAsync(object body) => Client.PostJson(Catalog("services"), body).ShouldBe(HttpStatusCode.Created);

    /// <summary>A plain fixed-price service.</summary>
    public Task<JsonElement> CreateServiceAsync(string ru, string en, string amount = "1000.00", int minutes = 60, string? categoryId = null) =>
        CreateServiceAsync(new { name = new { ru, en }, price = new { kind = "fixed", amount }, durationMinutes = minutes, categoryId });
}
