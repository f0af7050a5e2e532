using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm;
using Portico.Crm.Contacts;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Crm;

/// <summary>
/// "One per …" rules under concurrency, as the review attacked them: many identical creations fired at once must leave
/// exactly one record, and every other answer names it (a 409 with <c>existingId</c>, or the create-or-match 200),
/// never a 500 and never a second record.
/// </summary>
public abstract class UniquenessTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private const int Parallel = 60;

    private static async Task<List<(HttpStatusCode Status, JsonElement Body)>> FireAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(send));
        var results = new List<(HttpStatusCode, JsonElement)>();
        foreach (var response in responses)
        {
            results.Add((response.StatusCode, await response.Json()));
        }

        return results;
    }

    /// <summary>Exactly one 201; the others came after it (200, the same contact) or lost the race to it (409 naming it).</summary>
    private static string ShouldHaveCreatedOneContact(List<(HttpStatusCode Status, JsonElement Body)> results)
    {
        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK || s == HttpStatusCode.Conflict,
            string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        var created = results.Where(r => r.Status == HttpStatusCode.Created).ShouldHaveSingleItem().Body.Str("id");
        results.Where(r => r.Status == HttpStatusCode.OK).ShouldAllBe(r => r.Body.Str("id") == created);
        foreach (var (_, problem) in results.Where(r => r.Status == HttpStatusCode.Conflict))
        {
            problem.Str("type").ShouldEndWith("/contact-exists");
            problem.Str("existingId").ShouldBe(created);
            problem.Str("detail").ShouldContain(created);
        }

        return created;
    }

    [Fact]
    public async Task Parallel_creations_of_one_email_leave_exactly_one_contact()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var results = await FireAsync(Parallel, i => tenant.Client.PostJson(tenant.Crm("contacts"), new { name = $"Racer {i}", emails = new[] { i % 2 == 0 ? "race@example.com" : " RACE@Example.COM " } }));

        var created = ShouldHaveCreatedOneContact(results);
        var contacts = await tenant.Client.GetAsync(tenant.Crm("contacts?limit=200")).ShouldBeOk();
        contacts.Ids().ShouldBe([created]);
    }

    [Fact]
    public async Task Parallel_creations_of_one_phone_in_different_formats_leave_exactly_one_contact()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "DE");
        string[] formats = ["+49 30 1234567", "030 1234567", "0049 30 1234567", "+49 (30) 123-45-67", "+493012 34567"];

        var results = await FireAsync(Parallel, i => tenant.Client.PostJson(tenant.Crm("contacts"), new { name = $"Caller {i}", phones = new[] { formats[i % formats.Length] } }));

        var created = ShouldHaveCreatedOneContact(results);
        var contacts = await tenant.Client.GetAsync(tenant.Crm("contacts?limit=200")).ShouldBeOk();
        contacts.Ids().ShouldBe([created]);
        contacts.Items()[0].GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ShouldBe(["+49301234567"]);
    }

    [Fact]
    public async Task Giving_a_contact_the_email_of_another_is_a_409_naming_it_and_changes_nothing()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "DE");
        var anna = await tenant.CreateContactAsync(new { name = "Anna", emails = new[] { "anna@example.com" }, phones = new[] { "+49 30 1111111" } });
        var bob = await tenant.CreateContactAsync(new { name = "Bob", emails = new[] { "bob@example.com" } });

        var byEmail = await tenant.Client.PatchJson(tenant.Crm($"contacts/{bob.Str("id")}"), new { name = "Bob B.", emails = new[] { "bob@example.com", "ANNA@example.com" } })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        var byPhone = await tenant.Client.PatchJson(tenant.Crm($"contacts/{bob.Str("id")}"), new { phones = new[] { "030 1111111" } })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        foreach (var problem in new[] { byEmail, byPhone })
        {
            problem.Str("type").ShouldEndWith("/contact-exists");
            problem.Str("existingId").ShouldBe(anna.Str("id"));
            problem.Str("detail").ShouldContain("Anna");
        }

        var unchanged = await tenant.Client.GetAsync(tenant.Crm($"contacts/{bob.Str("id")}")).ShouldBeOk();
        unchanged.Str("name").ShouldBe("Bob");
        unchanged.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["bob@example.com"]);
    }

    [Fact]
    public async Task Parallel_updates_giving_many_contacts_one_new_email_let_exactly_one_have_it()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await tenant.CreateContactAsync(new { name = $"Person {i}" })).Str("id"));
        }

        var results = await FireAsync(ids.Count, i => tenant.Client.PatchJson(tenant.Crm($"contacts/{ids[i]}"), new { emails = new[] { "shared@example.com" } }));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict, string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        var winner = results.Where(r => r.Status == HttpStatusCode.OK).ShouldHaveSingleItem().Body.Str("id");
        results.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Str("existingId") == winner);
        var holders = await tenant.Client.GetAsync(tenant.Crm("contacts?email=shared@example.com")).ShouldBeOk();
        holders.Ids().ShouldBe([winner]);
    }

    [Fact]
    public async Task A_twin_left_by_an_old_database_is_listed_merged_and_its_value_then_belongs_to_the_survivor()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "DE");
        var older = await tenant.CreateContactAsync(new { name = "Anna", phones = new[] { "+49 30 2222222" } });
        var newer = await tenant.CreateContactAsync(new { name = "Anna at work", emails = new[] { "anna@work.example" } });
        // What the migration leaves of two contacts that shared a phone before the unique index: the newer one's twin, marked.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(tenant.Tenant.Str("id")), tenant.Slug);
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            db.ContactChannels.Add(new ContactChannel
            {
                TenantId = Guid.Parse(tenant.Tenant.Str("id")), ContactId = Guid.Parse(newer.Str("id")), Kind = ContactChannel.PhoneKind, Value = "+49302222222", IsLegacyDuplicate = true,
            });
            await db.SaveChangesAsync();
        }

        var group = (await tenant.Client.GetAsync(tenant.Crm("contacts/duplicates")).ShouldBeOk()).Items().ShouldHaveSingleItem();
        (group.Str("reason"), group.Str("value")).ShouldBe(("phone", "+49302222222"));
        group.GetProperty("contacts").EnumerateArray().Select(c => c.Str("id")).ShouldBe([older.Str("id"), newer.Str("id")], ignoreOrder: true);
        // A create with that phone matches the contact holding it (the older one), never the twin.
        (await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Anna", phones = new[] { "030 2222222" } }).ShouldBeOk()).Str("id").ShouldBe(older.Str("id"));

        var merged = await tenant.Client.PostJson(tenant.Crm($"contacts/{newer.Str("id")}/merge"), new { otherId = older.Str("id") }).ShouldBeOk();

        merged.GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ShouldBe(["+49302222222"]);
        (await tenant.Client.GetAsync(tenant.Crm("contacts/duplicates")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Someone", phones = new[] { "+49 30 2222222" } }).ShouldBeOk()).Str("id").ShouldBe(newer.Str("id"));
        var stranger = await tenant.CreateContactAsync(new { name = "Stranger" });
        (await tenant.Client.PatchJson(tenant.Crm($"contacts/{stranger.Str("id")}"), new { phones = new[] { "+49 30 2222222" } }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("existingId").ShouldBe(newer.Str("id"));
    }

    [Fact]
    public async Task Parallel_creations_of_one_custom_field_key_leave_one_field_and_409s_naming_it()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var results = await FireAsync(20, _ => tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "contact", key = "shoe_size", label = "Shoe size", type = "number" }));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict, string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        var created = results.Where(r => r.Status == HttpStatusCode.Created).ShouldHaveSingleItem().Body.Str("id");
        results.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Str("existingId") == created && r.Body.Str("type").EndsWith("/duplicate-field"));
    }

    [Fact]
    public async Task Parallel_creations_of_one_custom_object_key_leave_one_object_and_409s_naming_it()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var results = await FireAsync(20, _ => tenant.Client.PostJson(tenant.Crm("objects"), new { key = "vehicle", name = "Vehicle" }));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict, string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        var created = results.Where(r => r.Status == HttpStatusCode.Created).ShouldHaveSingleItem().Body.Str("id");
        results.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Str("existingId") == created && r.Body.Str("type").EndsWith("/duplicate-object"));
    }

    [Fact]
    public async Task Parallel_creations_of_one_tenant_slug_leave_one_tenant_and_409_slug_taken()
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var slug = Http.Unique("race");

        var results = await FireAsync(20, i => client.PostJson("/api/v1/tenants", new { name = $"Race {i}", slug, vertical = "generic" }));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict, string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        results.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1);
        results.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Str("type").EndsWith("/slug-taken"));
    }

    [Fact]
    public async Task Parallel_creations_of_tenants_with_one_name_each_get_a_slug_of_their_own()
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var name = "Same Name " + Guid.NewGuid().ToString("N")[..8];

        var results = await FireAsync(6, _ => client.PostJson("/api/v1/tenants", new { name, vertical = "generic" }));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.Created, string.Join("\n", results.Select(r => $"{r.Status}: {r.Body}")));
        results.Select(r => r.Body.Str("slug")).Distinct().Count().ShouldBe(6);
    }
}

public sealed class UniquenessTestsOnSqlite(SqliteFactory app) : UniquenessTests<SqliteFactory>(app);

public sealed class UniquenessTestsOnPostgres(PostgresFactory app) : UniquenessTests<PostgresFactory>(app);
