using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>Tenant B's owner, on B's own routes, using the ids of tenant A's CRM records: never found, never changed, never listed.</summary>
public abstract class CrmTenantIsolationTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private sealed record Records(
        CrmTestTenant Tenant, string Marker, string Email, string Phone, string ContactId, string LeadId, string DealId, string PipelineId, string StageId,
        string DealStageId, string ActivityId, string FieldId, string CarId);

    /// <summary>A tenant with one of everything, named with a marker no other tenant uses.</summary>
    private async Task<Records> TenantWithRecordsAsync()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        var email = $"{marker}@example.com";
        var phone = "+7999" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var field = await tenant.CreateFieldAsync(new { recordType = "contact", key = "tier", label = "Tier", type = "text" });
        var contact = await tenant.CreateContactAsync(new { name = $"{marker} Contact", emails = new[] { email }, phones = new[] { phone }, customFields = new { tier = "gold" } });
        await tenant.CreateContactAsync(new { name = $"{marker} Contact", emails = new[] { "second-" + email } });
        var lead = await tenant.CreateLeadAsync(new { title = $"{marker} Lead", contactId = contact.Str("id") });
        var deal = await tenant.CreateDealAsync(new { title = $"{marker} Deal", contactId = contact.Str("id") });
        var pipeline = await tenant.Client.PostJson(tenant.Crm("pipelines"), new { name = $"{marker} Pipeline", recordType = "lead", stages = new object[] { new { name = "Only" } } })
            .ShouldBe(HttpStatusCode.Created);
        var dealStage = (await tenant.DefaultPipelineAsync("deal")).Stages()[1].Str("id");
        var activity = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "contact", recordId = contact.Str("id"), kind = "note", body = $"{marker} note" })
            .ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson(tenant.Crm("objects"), new { key = "car", name = "Car" }).ShouldBe(HttpStatusCode.Created);
        var car = await tenant.Client.PostJson(tenant.Crm("objects/car/records"), new { name = $"{marker} Car" }).ShouldBe(HttpStatusCode.Created);
        return new Records(tenant, marker, email, phone, contact.Str("id"), lead.Str("id"), deal.Str("id"), pipeline.Str("id"), pipeline.Stages()[0].Str("id"),
            dealStage, activity.Str("id"), field.Str("id"), car.Str("id"));
    }

    [Fact]
    public async Task Another_tenants_record_ids_are_404_on_every_route()
    {
        var a = await TenantWithRecordsAsync();
        var b = await TenantWithRecordsAsync();
        var routes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"contacts/{a.ContactId}", null),
            (HttpMethod.Patch, $"contacts/{a.ContactId}", new { name = "Pwned" }),
            (HttpMethod.Delete, $"contacts/{a.ContactId}?cascade=true", null),
            (HttpMethod.Get, $"contacts/{a.ContactId}/timeline", null),
            (HttpMethod.Post, $"contacts/{a.ContactId}/merge", new { otherId = b.ContactId }),
            (HttpMethod.Get, $"leads/{a.LeadId}", null),
            (HttpMethod.Patch, $"leads/{a.LeadId}", new { title = "Pwned" }),
            (HttpMethod.Delete, $"leads/{a.LeadId}", null),
            (HttpMethod.Post, $"leads/{a.LeadId}/move", new { stageId = b.StageId }),
            (HttpMethod.Post, $"leads/{a.LeadId}/convert", new { }),
            (HttpMethod.Get, $"leads/{a.LeadId}/timeline", null),
            (HttpMethod.Get, $"deals/{a.DealId}", null),
            (HttpMethod.Patch, $"deals/{a.DealId}", new { title = "Pwned" }),
            (HttpMethod.Delete, $"deals/{a.DealId}", null),
            (HttpMethod.Post, $"deals/{a.DealId}/move", new { stageId = b.DealStageId }),
            (HttpMethod.Get, $"deals/{a.DealId}/timeline", null),
            (HttpMethod.Get, $"pipelines/{a.PipelineId}/board", null),
            (HttpMethod.Patch, $"pipelines/{a.PipelineId}", new { name = "Pwned" }),
            (HttpMethod.Delete, $"pipelines/{a.PipelineId}", null),
            (HttpMethod.Patch, $"activities/{a.ActivityId}", new { body = "Pwned" }),
            (HttpMethod.Delete, $"activities/{a.ActivityId}", null),
            (HttpMethod.Post, "activities", new { recordType = "contact", recordId = a.ContactId, kind = "note", body = "Pwned" }),
            (HttpMethod.Post, "activities", new { recordType = "object:car", recordId = a.CarId, kind = "note", body = "Pwned" }),
            (HttpMethod.Patch, $"fields/{a.FieldId}", new { label = "Pwned" }),
            (HttpMethod.Post, $"fields/{a.FieldId}/archive", null),
            (HttpMethod.Post, $"fields/{a.FieldId}/restore", null),
            (HttpMethod.Get, $"objects/car/records/{a.CarId}", null),
            (HttpMethod.Patch, $"objects/car/records/{a.CarId}", new { name = "Pwned" }),
            (HttpMethod.Delete, $"objects/car/records/{a.CarId}", null),
            (HttpMethod.Get, $"objects/car/records/{a.CarId}/timeline", null),
        };

        var failures = new List<string>();
        foreach (var (method, path, body) in routes)
        {
            using var request = new HttpRequestMessage(method, b.Tenant.Crm(path)) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            using var response = await b.Tenant.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        failures.ShouldBeEmpty();
        await AssertUntouchedAsync(a);
        await b.Tenant.Client.GetAsync(b.Tenant.Crm($"contacts/{b.ContactId}")).ShouldBeOk();
    }

    [Fact]
    public async Task Another_tenants_ids_inside_a_request_body_are_refused()
    {
        var a = await TenantWithRecordsAsync();
        var b = await TenantWithRecordsAsync();
        var client = b.Tenant.Client;
        await b.Tenant.CreateFieldAsync(new { recordType = "deal", key = "buyer", label = "Buyer", type = "relation", target = "contact" });

        (await client.PostJson(b.Tenant.Crm($"leads/{b.LeadId}/move"), new { stageId = a.StageId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["stageId"]);
        (await client.PostJson(b.Tenant.Crm($"deals/{b.DealId}/move"), new { stageId = a.DealStageId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["stageId"]);
        (await client.PostJson(b.Tenant.Crm("leads"), new { title = "x", stageId = a.StageId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["stageId"]);
        (await client.PostJson(b.Tenant.Crm("leads"), new { title = "x", pipelineId = a.PipelineId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["pipelineId"]);
        (await client.PostJson(b.Tenant.Crm("leads"), new { title = "x", contactId = a.ContactId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["contactId"]);
        (await client.PatchJson(b.Tenant.Crm($"leads/{b.LeadId}"), new { contactId = a.ContactId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["contactId"]);
        (await client.PostJson(b.Tenant.Crm("deals"), new { title = "x", contactId = a.ContactId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["contactId"]);
        (await client.PatchJson(b.Tenant.Crm($"deals/{b.DealId}"), new { contactId = a.ContactId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["contactId"]);
        (await client.PostJson(b.Tenant.Crm("deals"), new { title = "x", customFields = new { buyer = a.ContactId } }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["customFields.buyer"]);
        (await client.PostJson(b.Tenant.Crm($"leads/{b.LeadId}/convert"), new { contactId = a.ContactId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["contactId"]);
        (await client.PatchJson(b.Tenant.Crm($"pipelines/{b.PipelineId}"), new { stages = new object[] { new { id = a.StageId, name = "Stolen", kind = "open" } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["stages"]);
        await client.PostJson(b.Tenant.Crm($"contacts/{b.ContactId}/merge"), new { otherId = a.ContactId }).ShouldBeProblem(HttpStatusCode.NotFound);

        (await client.GetAsync(b.Tenant.Crm($"leads/{b.LeadId}")).ShouldBeOk()).GetProperty("convertedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        await client.GetAsync(b.Tenant.Crm($"contacts/{b.ContactId}")).ShouldBeOk();
        await AssertUntouchedAsync(a);
    }

    [Fact]
    public async Task Lists_search_and_duplicates_never_show_another_tenants_records()
    {
        var a = await TenantWithRecordsAsync();
        var b = await TenantWithRecordsAsync();
        var client = b.Tenant.Client;
        string Url(string path) => b.Tenant.Crm(path);

        (await client.GetAsync(Url($"contacts?q={a.Marker}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"contacts?q={Uri.EscapeDataString(a.Phone)}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url("contacts?cf.tier=gold")).ShouldBeOk()).Items().Select(c => c.Str("name")).ShouldAllBe(n => n.StartsWith(b.Marker));
        (await client.GetAsync(Url($"leads?q={a.Marker}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"deals?q={a.Marker}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"objects/car/records?q={a.Marker}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"leads?contactId={a.ContactId}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"leads?stageId={a.StageId}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url($"activities?recordId={a.ContactId}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Url("activities")).ShouldBeOk()).Ids().ShouldNotContain(a.ActivityId);
        (await client.GetAsync(Url("pipelines")).ShouldBeOk()).Ids().ShouldNotContain(a.PipelineId);
        (await client.GetAsync(Url("fields?archived=true")).ShouldBeOk()).Ids().ShouldNotContain(a.FieldId);
        var duplicates = (await client.GetAsync(Url("contacts/duplicates")).ShouldBeOk()).Items();
        duplicates.ShouldHaveSingleItem().Str("value").ShouldBe($"{b.Marker} contact");
        duplicates[0].GetProperty("contacts").EnumerateArray().ShouldAllBe(c => c.Str("name").StartsWith(b.Marker));
    }

    [Fact]
    public async Task Another_tenants_email_or_phone_never_matches_a_contact()
    {
        var a = await TenantWithRecordsAsync();
        var b = await CrmTestTenant.CreateAsync(app, country: "RU");

        var contact = await b.CreateContactAsync(new { name = "Same person, other business", emails = new[] { a.Email } });
        var lead = await b.CreateLeadAsync(new { phone = a.Phone });

        contact.Str("id").ShouldNotBe(a.ContactId);
        lead.GetProperty("contactId").ValueKind.ShouldBe(JsonValueKind.Null);
        lead.GetProperty("contactName").ValueKind.ShouldBe(JsonValueKind.Null);
        await AssertUntouchedAsync(a);
    }

    private static async Task AssertUntouchedAsync(Records a)
    {
        var client = a.Tenant.Client;
        var contact = await client.GetAsync(a.Tenant.Crm($"contacts/{a.ContactId}")).ShouldBeOk();
        contact.Str("name").ShouldBe($"{a.Marker} Contact");
        contact.GetProperty("version").GetInt64().ShouldBe(1);
        var lead = await client.GetAsync(a.Tenant.Crm($"leads/{a.LeadId}")).ShouldBeOk();
        lead.Str("title").ShouldBe($"{a.Marker} Lead");
        lead.GetProperty("convertedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.GetAsync(a.Tenant.Crm($"deals/{a.DealId}")).ShouldBeOk()).GetProperty("version").GetInt64().ShouldBe(1);
        (await client.GetAsync(a.Tenant.Crm($"pipelines/{a.PipelineId}/board")).ShouldBeOk()).Str("name").ShouldBe($"{a.Marker} Pipeline");
        var activities = await client.GetAsync(a.Tenant.Crm($"activities?recordId={a.ContactId}")).ShouldBeOk();
        activities.Items().ShouldHaveSingleItem().Str("body").ShouldBe($"{a.Marker} note");
        var fields = await client.GetAsync(a.Tenant.Crm("fields?recordType=contact")).ShouldBeOk();
        fields.Items().ShouldHaveSingleItem().Str("label").ShouldBe("Tier");
        (await client.GetAsync(a.Tenant.Crm($"objects/car/records/{a.CarId}")).ShouldBeOk()).Str("name").ShouldBe($"{a.Marker} Car");
    }
}

public sealed class CrmTenantIsolationTestsOnSqlite(SqliteFactory app) : CrmTenantIsolationTests<SqliteFactory>(app);

public sealed class CrmTenantIsolationTestsOnPostgres(PostgresFactory app) : CrmTenantIsolationTests<PostgresFactory>(app);
