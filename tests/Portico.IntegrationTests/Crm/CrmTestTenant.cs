using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>A member of a CRM test tenant: their account, user id and a signed-in client.</summary>
public sealed record CrmMember(TestUser User, string Id, HttpClient Client);

/// <summary>
/// A fresh tenant for CRM tests, created by a newly registered owner through the API, with short routes under
/// <c>/api/v1/tenants/{slug}/crm</c> and small builders for the records most tests start from.
/// </summary>
public sealed class CrmTestTenant
{
    private readonly PorticoFactory _app;

    private CrmTestTenant(PorticoFactory app, JsonElement tenant, CrmMember owner)
    {
        _app = app;
        Tenant = tenant;
        Owner = owner;
    }

    public JsonElement Tenant { get; }

    public string Slug => Tenant.Str("slug");

    public CrmMember Owner { get; }

    /// <summary>The owner's client: every permission, sees everything.</summary>
    public HttpClient Client => Owner.Client;

    /// <summary><c>/api/v1/tenants/{slug}/crm/{path}</c>.</summary>
    public string Crm(string path) => $"/api/v1/tenants/{Slug}/crm/{path}";

    public static async Task<CrmTestTenant> CreateAsync(PorticoFactory app, string vertical = "generic", string locale = "en", string? country = null, string name = "CRM Test")
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var tenant = await client.PostJson("/api/v1/tenants", new { name, slug = Http.Unique("crm"), vertical, locale, country }).ShouldBe(HttpStatusCode.Created);
        return new CrmTestTenant(app, tenant, new CrmMember(owner, await UserIdAsync(client), client));
    }

    /// <summary>Invites a new user with <paramref name="role"/> (Owner, Admin, Manager, Employee) and has them accept.</summary>
    public async Task<CrmMember> AddMemberAsync(string role)
    {
        var user = await _app.RegisterAsync();
        await Client.PostJson($"/api/v1/tenants/{Slug}/invitations", new { email = user.Email, role }).ShouldBe(HttpStatusCode.Created);
        var client = user.Client(_app);
        await client.PostAsync($"/api/v1/invitations/{_app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        return new CrmMember(user, await UserIdAsync(client), client);
    }

    public Task<JsonElement> CreateContactAsync(object body, HttpClient? client = null) =>
        (client ?? Client).PostJson(Crm("contacts"), body).ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> CreateLeadAsync(object body, HttpClient? client = null) =>
        (client ?? Client).PostJson(Crm("leads"), body).ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> CreateDealAsync(object body, HttpClient? client = null) =>
        (client ?? Client).PostJson(Crm("deals"), body).ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> CreateFieldAsync(object body) => Client.PostJson(Crm("fields"), body).ShouldBe(HttpStatusCode.Created);

    /// <summary>The default pipeline of <paramref name="recordType"/> (lead or deal), with its stages in order.</summary>
    public async Task<JsonElement> DefaultPipelineAsync(string recordType)
    {
        var pipelines = await Client.GetAsync(Crm($"pipelines?recordType={recordType}")).ShouldBeOk();
        return pipelines.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
    }

    public async Task<JsonElement> BoardAsync(string pipelineId, string query = "", HttpClient? client = null) =>
        await (client ?? Client).GetAsync(Crm($"pipelines/{pipelineId}/board{query}")).ShouldBeOk();

    private static async Task<string> UserIdAsync(HttpClient client) => (await client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id");
}

/// <summary>Reading CRM responses without noise.</summary>
public static class CrmJson
{
    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static IReadOnlyList<string> Ids(this JsonElement page) => page.Items().Select(i => i.Str("id")).ToList();

    public static IReadOnlyList<JsonElement> Stages(this JsonElement pipelineOrBoard) => pipelineOrBoard.GetProperty("stages").EnumerateArray().ToList();

    public static string? NextCursor(this JsonElement page) =>
        page.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;

    /// <summary>The field names a 422 problem lists under <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
