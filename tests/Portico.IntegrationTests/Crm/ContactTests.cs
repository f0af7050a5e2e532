using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class ContactTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Phones_are_stored_in_E164_read_in_the_tenants_country()
    {
        var russian = await CrmTestTenant.CreateAsync(app, country: "RU");
        var german = await CrmTestTenant.CreateAsync(app, country: "DE");

        var ivan = await russian.CreateContactAsync(new { name = "Ivan", phones = new[] { "8 (999) 123-45-67", "+49 30 1234567" } });
        var hans = await german.CreateContactAsync(new { name = "Hans", phones = new[] { "030 1234567" } });

        ivan.GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ShouldBe(["+79991234567", "+49301234567"]);
        hans.GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ShouldBe(["+49301234567"]);
        (await russian.Client.GetAsync(russian.Crm($"contacts/{ivan.Str("id")}")).ShouldBeOk()).GetProperty("phones")[0].GetString().ShouldBe("+79991234567");
    }

    [Fact]
    public async Task A_russian_tenant_reads_national_numbers_as_russian_without_a_country()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "studio", locale: "ru");

        var anna = await tenant.CreateContactAsync(new { name = "Анна", phones = new[] { "8 999 765 43 21" } });

        anna.GetProperty("phones")[0].GetString().ShouldBe("+79997654321");
    }

    [Fact]
    public async Task Without_a_country_a_national_number_is_a_422_and_an_international_one_is_fine()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var problem = await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Nobody", phones = new[] { "030 1234567" } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["phones[0]"]);
        (await tenant.CreateContactAsync(new { name = "Hans", phones = new[] { "+49 30 1234567" } })).GetProperty("phones")[0].GetString().ShouldBe("+49301234567");
    }

    [Fact]
    public async Task Creating_a_contact_with_a_known_email_returns_the_existing_one_with_the_new_details_merged()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var email = $"{Guid.NewGuid():N}@example.com";
        var first = await tenant.CreateContactAsync(new { name = "Anna Smirnova", emails = new[] { email }, tags = new[] { "vip" } });

        var response = await tenant.Client.PostJson(tenant.Crm("contacts"), new
        {
            name = "A. Smirnova",
            emails = new[] { email.ToUpperInvariant(), "anna.work@example.com" },
            phones = new[] { "+7 999 000 11 22" },
            jobTitle = "Designer",
            tags = new[] { "newsletter" },
        });

        var merged = await response.ShouldBe(HttpStatusCode.OK);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/contacts/{first.Str("id")}");
        merged.Str("id").ShouldBe(first.Str("id"));
        merged.Str("name").ShouldBe("Anna Smirnova");
        merged.Str("jobTitle").ShouldBe("Designer");
        merged.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe([email, "anna.work@example.com"]);
        merged.GetProperty("phones").EnumerateArray().Select(e => e.GetString()).ShouldBe(["+79990001122"]);
        merged.GetProperty("tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["vip", "newsletter"]);
        var list = await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk();
        list.Ids().ShouldBe([first.Str("id")]);
    }

    [Fact]
    public async Task Creating_a_contact_with_a_known_phone_in_another_notation_returns_the_existing_one()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var first = await tenant.CreateContactAsync(new { name = "Oleg", phones = new[] { "+7 999 222-33-44" } });

        var again = await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Oleg", phones = new[] { "89992223344" }, emails = new[] { "oleg@example.com" } })
            .ShouldBe(HttpStatusCode.OK);

        again.Str("id").ShouldBe(first.Str("id"));
        again.GetProperty("emails")[0].GetString().ShouldBe("oleg@example.com");
    }

    [Fact]
    public async Task Invalid_fields_are_a_422_naming_every_field()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");

        var problem = await tenant.Client.PostJson(tenant.Crm("contacts"), new
        {
            kind = "robot",
            name = new string('x', 301),
            emails = new[] { "ok@example.com", "not-an-email" },
            phones = new[] { "call me maybe" },
            tags = new[] { "a|b" },
            ownerId = Guid.NewGuid(),
            source = new string('s', 41),
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["kind", "name", "emails[1]", "phones[0]", "tags", "ownerId", "source"], ignoreOrder: true);
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_contact_needs_a_name_or_something_to_name_it_by()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var problem = await tenant.Client.PostJson(tenant.Crm("contacts"), new { notes = "who?" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["name"]);

        var named = await tenant.CreateContactAsync(new { firstName = "Anna", lastName = "Smirnova" });
        named.Str("name").ShouldBe("Anna Smirnova");
        var byEmail = await tenant.CreateContactAsync(new { emails = new[] { "Someone@Example.com" } });
        byEmail.Str("name").ShouldBe("someone@example.com");
    }

    [Fact]
    public async Task An_update_is_a_merge_patch_and_lists_replace()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var contact = await tenant.CreateContactAsync(new { name = "Maria", emails = new[] { "maria@example.com" }, phones = new[] { "+79990000001" }, tags = new[] { "a", "b" } });

        var updated = await tenant.Client.PatchJson(tenant.Crm($"contacts/{contact.Str("id")}"), new { jobTitle = "CEO", tags = new[] { "c" } }).ShouldBeOk();

        updated.Str("name").ShouldBe("Maria");
        updated.Str("jobTitle").ShouldBe("CEO");
        updated.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["maria@example.com"]);
        updated.GetProperty("phones").EnumerateArray().Select(e => e.GetString()).ShouldBe(["+79990000001"]);
        updated.GetProperty("tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["c"]);
        updated.GetProperty("version").GetInt64().ShouldBe(contact.GetProperty("version").GetInt64() + 1);
    }

    [Fact]
    public async Task An_update_with_a_stale_If_Match_is_a_412_and_changes_nothing()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var created = await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Versioned" });
        var etag = created.Headers.ETag!.Tag;
        var id = (await created.ShouldBe(HttpStatusCode.Created)).Str("id");

        var first = await tenant.Client.PatchJson(tenant.Crm($"contacts/{id}"), new { jobTitle = "First" }, etag);
        await first.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldNotBe(etag);

        var problem = await tenant.Client.PatchJson(tenant.Crm($"contacts/{id}"), new { jobTitle = "Second" }, etag).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        problem.Str("detail").ShouldContain("version");
        (await tenant.Client.GetAsync(tenant.Crm($"contacts/{id}")).ShouldBeOk()).Str("jobTitle").ShouldBe("First");
        await tenant.Client.PatchJson(tenant.Crm($"contacts/{id}"), new { jobTitle = "Third" }, first.Headers.ETag!.Tag).ShouldBeOk();
    }

    [Fact]
    public async Task Deleting_a_contact_with_deals_is_a_409_unless_cascade_deletes_them_too()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Has deals" });
        var deal = await tenant.CreateDealAsync(new { title = "Big sale", contactId = contact.Str("id") });
        var lead = await tenant.CreateLeadAsync(new { title = "Earlier lead", contactId = contact.Str("id") });

        var problem = await tenant.Client.DeleteAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").ShouldEndWith("contact-has-deals");
        await tenant.Client.GetAsync(tenant.Crm($"deals/{deal.Str("id")}")).ShouldBeOk();

        await tenant.Client.DeleteAsync(tenant.Crm($"contacts/{contact.Str("id")}?cascade=true")).ShouldBe(HttpStatusCode.NoContent);

        await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm($"deals/{deal.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        var unlinked = await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeOk();
        unlinked.GetProperty("contactId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_contact_without_deals_is_deleted_with_its_activities()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Short-lived" });
        var note = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "contact", recordId = contact.Str("id"), kind = "note", body = "Called" })
            .ShouldBe(HttpStatusCode.Created);

        await tenant.Client.DeleteAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBe(HttpStatusCode.NoContent);

        await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PatchJson(tenant.Crm($"activities/{note.Str("id")}"), new { body = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_a_contact_raises_contact_created_on_the_event_stream()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        using var stream = await SseClient.OpenAsync(tenant.Client, $"/api/v1/tenants/{tenant.Slug}/events/stream");

        var contact = await tenant.CreateContactAsync(new { name = "Streamed", emails = new[] { "streamed@example.com" } });

        var received = await stream.NextAsync("contact-created");
        received.Data.ShouldContain(contact.Str("id"));
        received.Data.ShouldContain("streamed@example.com");
    }
}

public sealed class ContactTestsOnSqlite(SqliteFactory app) : ContactTests<SqliteFactory>(app);

public sealed class ContactTestsOnPostgres(PostgresFactory app) : ContactTests<PostgresFactory>(app);
