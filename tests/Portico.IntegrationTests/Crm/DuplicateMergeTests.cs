using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class DuplicateMergeTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Contacts_with_the_same_name_are_listed_as_duplicates_and_an_edit_cannot_make_them_share_a_phone()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var ivan1 = await tenant.CreateContactAsync(new { name = "Ivan Petrov", emails = new[] { "ivan1@example.com" } });
        var ivan2 = await tenant.CreateContactAsync(new { name = "ivan petrov", emails = new[] { "ivan2@example.com" } });
        var anna = await tenant.CreateContactAsync(new { name = "Anna", phones = new[] { "+79990000001" } });
        var annaWork = await tenant.CreateContactAsync(new { name = "A. at work", emails = new[] { "anna@work.example.com" } });
        await tenant.CreateContactAsync(new { name = "Unique person" });
        // A create would have matched the phone; an edit cannot make two contacts share it either (one contact per email or phone).
        (await tenant.Client.PatchJson(tenant.Crm($"contacts/{annaWork.Str("id")}"), new { phones = new[] { "8 999 000 00 01" } }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("existingId").ShouldBe(anna.Str("id"));

        var duplicates = await tenant.Client.GetAsync(tenant.Crm("contacts/duplicates")).ShouldBeOk();

        var group = duplicates.Items().ShouldHaveSingleItem();
        (group.Str("reason"), group.Str("value")).ShouldBe(("name", "ivan petrov"));
        group.GetProperty("contacts").EnumerateArray().Select(c => c.Str("id")).ShouldBe([ivan1.Str("id"), ivan2.Str("id")], ignoreOrder: true);
    }

    [Fact]
    public async Task Cyrillic_names_differing_only_in_case_are_duplicates()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var first = await tenant.CreateContactAsync(new { name = "Анна Иванова" });
        var second = await tenant.CreateContactAsync(new { name = "АННА ИВАНОВА" });

        var duplicates = await tenant.Client.GetAsync(tenant.Crm("contacts/duplicates")).ShouldBeOk();

        var group = duplicates.Items().ShouldHaveSingleItem();
        group.Str("reason").ShouldBe("name");
        group.GetProperty("contacts").EnumerateArray().Select(c => c.Str("id")).ShouldBe([first.Str("id"), second.Str("id")], ignoreOrder: true);
    }

    [Fact]
    public async Task Merging_keeps_one_contact_with_everything_and_moves_its_records()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var survivor = await tenant.CreateContactAsync(new { name = "Anna Smirnova", emails = new[] { "anna@example.com" }, tags = new[] { "vip" } });
        var other = await tenant.CreateContactAsync(new
        {
            name = "Anna S.", emails = new[] { "anna.s@example.com" }, phones = new[] { "+79991112233" }, jobTitle = "Architect", tags = new[] { "newsletter" }, marketingConsent = true,
        });
        var deal = await tenant.CreateDealAsync(new { title = "Her deal", contactId = other.Str("id") });
        var lead = await tenant.CreateLeadAsync(new { title = "Her lead", contactId = other.Str("id") });
        var note = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "contact", recordId = other.Str("id"), kind = "call", subject = "Called her" })
            .ShouldBe(HttpStatusCode.Created);

        var merged = await tenant.Client.PostJson(tenant.Crm($"contacts/{survivor.Str("id")}/merge"), new { otherId = other.Str("id") }).ShouldBeOk();

        merged.Str("id").ShouldBe(survivor.Str("id"));
        merged.Str("name").ShouldBe("Anna Smirnova");
        merged.Str("jobTitle").ShouldBe("Architect");
        merged.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["anna@example.com", "anna.s@example.com"]);
        merged.GetProperty("phones").EnumerateArray().Select(e => e.GetString()).ShouldBe(["+79991112233"]);
        merged.GetProperty("tags").EnumerateArray().Select(e => e.GetString()).ShouldBe(["vip", "newsletter"]);
        merged.GetProperty("marketingConsent").GetBoolean().ShouldBeTrue();
        await tenant.Client.GetAsync(tenant.Crm($"contacts/{other.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync(tenant.Crm($"deals/{deal.Str("id")}")).ShouldBeOk()).Str("contactId").ShouldBe(survivor.Str("id"));
        (await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeOk()).Str("contactId").ShouldBe(survivor.Str("id"));
        var activities = await tenant.Client.GetAsync(tenant.Crm($"activities?recordType=contact&recordId={survivor.Str("id")}")).ShouldBeOk();
        activities.Ids().ShouldBe([note.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Crm("contacts?q=anna.s")).ShouldBeOk()).Ids().ShouldBe([survivor.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Crm("contacts/duplicates")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_merge_the_others_email_finds_the_survivor()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var survivor = await tenant.CreateContactAsync(new { name = "Keeper", emails = new[] { "keeper@example.com" } });
        var other = await tenant.CreateContactAsync(new { name = "Merged away", emails = new[] { "merged@example.com" } });
        await tenant.Client.PostJson(tenant.Crm($"contacts/{survivor.Str("id")}/merge"), new { otherId = other.Str("id") }).ShouldBeOk();

        var again = await tenant.Client.PostJson(tenant.Crm("contacts"), new { name = "Merged away", emails = new[] { "merged@example.com" } }).ShouldBe(HttpStatusCode.OK);
        var lead = await tenant.CreateLeadAsync(new { email = "merged@example.com" });

        again.Str("id").ShouldBe(survivor.Str("id"));
        lead.Str("contactId").ShouldBe(survivor.Str("id"));
    }

    [Fact]
    public async Task Merging_a_contact_with_itself_or_a_missing_one_is_refused()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Alone" });

        (await tenant.Client.PostJson(tenant.Crm($"contacts/{contact.Str("id")}/merge"), new { otherId = contact.Str("id") }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["otherId"]);
        (await tenant.Client.PostJson(tenant.Crm($"contacts/{contact.Str("id")}/merge"), new { }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["otherId"]);
        await tenant.Client.PostJson(tenant.Crm($"contacts/{contact.Str("id")}/merge"), new { otherId = Guid.NewGuid() }).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PostJson(tenant.Crm($"contacts/{Guid.NewGuid()}/merge"), new { otherId = contact.Str("id") }).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeOk();
    }

    [Fact]
    public async Task Merging_needs_the_delete_permission()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var employee = await tenant.AddMemberAsync("Employee");
        var a = await tenant.CreateContactAsync(new { name = "A" });
        var b = await tenant.CreateContactAsync(new { name = "B" });

        await employee.Client.PostJson(tenant.Crm($"contacts/{a.Str("id")}/merge"), new { otherId = b.Str("id") }).ShouldBeProblem(HttpStatusCode.Forbidden);

        await tenant.Client.GetAsync(tenant.Crm($"contacts/{b.Str("id")}")).ShouldBeOk();
    }

    [Fact]
    public async Task A_merge_is_on_the_event_stream()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var a = await tenant.CreateContactAsync(new { name = "A" });
        var b = await tenant.CreateContactAsync(new { name = "B" });
        using var stream = await SseClient.OpenAsync(tenant.Client, $"/api/v1/tenants/{tenant.Slug}/events/stream");

        await tenant.Client.PostJson(tenant.Crm($"contacts/{a.Str("id")}/merge"), new { otherId = b.Str("id") }).ShouldBeOk();

        var received = await stream.NextAsync("contact-merged");
        received.Data.ShouldContain(a.Str("id"));
        received.Data.ShouldContain(b.Str("id"));
    }
}

public sealed class DuplicateMergeTestsOnSqlite(SqliteFactory app) : DuplicateMergeTests<SqliteFactory>(app);

public sealed class DuplicateMergeTestsOnPostgres(PostgresFactory app) : DuplicateMergeTests<PostgresFactory>(app);
