using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class CustomFieldTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    /// <summary>One field of every type on contacts, plus a contact a relation can point at.</summary>
    private async Task<(CrmTestTenant Tenant, string RelatedId)> TenantWithEveryFieldTypeAsync()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "DE");
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "nickname", label = "Nickname", type = "text" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "bio", label = "Bio", type = "long_text" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "visits", label = "Visits", type = "number" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "budget", label = "Budget", type = "money" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "birthday", label = "Birthday", type = "date" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "next_call", label = "Next call", type = "date_time" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "vip", label = "VIP", type = "boolean" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "size", label = "Size", type = "select", options = new[] { "S", "M", "L" } });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "colors", label = "Colors", type = "multi_select", options = new[] { "red", "blue" } });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "work_email", label = "Work email", type = "email" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "work_phone", label = "Work phone", type = "phone" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "site", label = "Site", type = "url" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "manager", label = "Manager", type = "member" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "referrer", label = "Referred by", type = "relation", target = "contact" });
        var related = await tenant.CreateContactAsync(new { name = "Referrer" });
        return (tenant, related.Str("id"));
    }

    [Fact]
    public async Task Valid_values_of_every_type_are_stored_normalized()
    {
        var (tenant, relatedId) = await TenantWithEveryFieldTypeAsync();

        var contact = await tenant.CreateContactAsync(new
        {
            name = "Everything",
            customFields = new Dictionary<string, object>
            {
                ["nickname"] = "  Evie  ",
                ["bio"] = new string('b', 5000),
                ["visits"] = 42.5,
                ["budget"] = new { amount = "1500.5", currency = "usd" },
                ["birthday"] = "1990-05-17",
                ["next_call"] = "2026-12-31T18:00:00+03:00",
                ["vip"] = true,
                ["size"] = "M",
                ["colors"] = new[] { "red", "blue", "red" },
                ["work_email"] = "Evie@Work.Example.com",
                ["work_phone"] = "030 1234567",
                ["site"] = "https://example.com/evie",
                ["manager"] = tenant.Owner.Id,
                ["referrer"] = relatedId,
            },
        });

        var values = contact.GetProperty("customFields");
        values.Str("nickname").ShouldBe("Evie");
        values.Str("bio").Length.ShouldBe(5000);
        values.GetProperty("visits").GetDouble().ShouldBe(42.5);
        values.GetProperty("budget").Str("amount").ShouldBe("1500.50");
        values.GetProperty("budget").Str("currency").ShouldBe("USD");
        values.Str("birthday").ShouldBe("1990-05-17");
        values.Str("next_call").ShouldBe("2026-12-31T15:00:00Z");
        values.GetProperty("vip").GetBoolean().ShouldBeTrue();
        values.Str("size").ShouldBe("M");
        values.GetProperty("colors").EnumerateArray().Select(c => c.GetString()).ShouldBe(["red", "blue"]);
        values.Str("work_email").ShouldBe("evie@work.example.com");
        values.Str("work_phone").ShouldBe("+49301234567");
        values.Str("site").ShouldBe("https://example.com/evie");
        values.Str("manager").ShouldBe(tenant.Owner.Id);
        values.Str("referrer").ShouldBe(relatedId);
        (await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeOk()).GetProperty("customFields").Str("work_phone").ShouldBe("+49301234567");
    }

    [Fact]
    public async Task An_invalid_value_of_every_type_is_a_422_naming_each_custom_field()
    {
        var (tenant, _) = await TenantWithEveryFieldTypeAsync();

        var problem = await tenant.Client.PostJson(tenant.Crm("contacts"), new
        {
            name = "Nothing right",
            customFields = new Dictionary<string, object>
            {
                ["nickname"] = 12,
                ["bio"] = new string('b', 20001),
                ["visits"] = "many",
                ["budget"] = new { amount = "1.005", currency = "EUR" },
                ["birthday"] = "17.05.1990",
                ["next_call"] = "2026-12-31",
                ["vip"] = "yes",
                ["size"] = "XXL",
                ["colors"] = new[] { "green" },
                ["work_email"] = "evie at work",
                ["work_phone"] = "call me",
                ["site"] = "ftp://example.com",
                ["manager"] = Guid.NewGuid(),
                ["referrer"] = Guid.NewGuid(),
                ["no_such_field"] = "x",
            },
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(
        [
            "customFields.nickname", "customFields.bio", "customFields.visits", "customFields.budget", "customFields.birthday", "customFields.next_call",
            "customFields.vip", "customFields.size", "customFields.colors", "customFields.work_email", "customFields.work_phone", "customFields.site",
            "customFields.manager", "customFields.referrer", "customFields.no_such_field",
        ], ignoreOrder: true);
        (await tenant.Client.GetAsync(tenant.Crm("contacts?q=nothing")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("number", "1e300")]
    [InlineData("number", "\"1e300\"")]
    [InlineData("money", "{\"amount\": 12.5, \"currency\": \"EUR\"}")]
    [InlineData("money", "{\"amount\": \"12.50\", \"currency\": 978}")]
    [InlineData("money", "[\"12.50\"]")]
    [InlineData("date_time", "\"2026-13-40T99:00:00Z\"")]
    [InlineData("relation", "\"not-a-guid\"")]
    [InlineData("text", "\"\"")]
    [InlineData("multi_select", "\"red\"")]
    public async Task An_awkward_value_is_a_422_or_stored_never_a_500(string type, string json)
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(type switch
        {
            "relation" => new { recordType = "deal", key = "odd", label = "Odd", type, target = "contact" },
            "multi_select" => (object)new { recordType = "deal", key = "odd", label = "Odd", type, options = new[] { "red" } },
            _ => new { recordType = "deal", key = "odd", label = "Odd", type },
        });

        var response = await tenant.Client.PostAsync(tenant.Crm("deals"), Http.RawJson($"{{\"title\": \"Odd\", \"customFields\": {{\"odd\": {json}}}}}"));

        if (response.StatusCode != HttpStatusCode.Created)
        {
            (await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["customFields.odd"]);
        }
    }

    [Fact]
    public async Task A_required_field_must_be_given_on_create_and_cannot_be_cleared()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(new { recordType = "lead", key = "budget_range", label = "Budget range", type = "select", required = true, options = new[] { "low", "high" } });

        var missing = await tenant.Client.PostJson(tenant.Crm("leads"), new { title = "No budget" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        missing.ErrorFields().ShouldBe(["customFields.budget_range"]);
        var lead = await tenant.CreateLeadAsync(new { title = "With budget", customFields = new { budget_range = "high" } });

        var cleared = await tenant.Client.PatchAsync(tenant.Crm($"leads/{lead.Str("id")}"), Http.RawJson("{\"customFields\": {\"budget_range\": null}}"))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        cleared.ErrorFields().ShouldBe(["customFields.budget_range"]);
        await tenant.Client.PatchJson(tenant.Crm($"leads/{lead.Str("id")}"), new { title = "Other fields still change" }).ShouldBeOk();
    }

    [Fact]
    public async Task A_default_fills_new_records_only_and_is_validated()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var before = await tenant.CreateDealAsync(new { title = "Before the field" });
        var field = await tenant.CreateFieldAsync(new { recordType = "deal", key = "channel", label = "Channel", type = "select", options = new[] { "online", "shop" }, defaultValue = "shop" });
        field.Str("defaultValue").ShouldBe("shop");

        (await tenant.CreateDealAsync(new { title = "Defaulted" })).GetProperty("customFields").Str("channel").ShouldBe("shop");
        (await tenant.CreateDealAsync(new { title = "Chosen", customFields = new { channel = "online" } })).GetProperty("customFields").Str("channel").ShouldBe("online");
        (await tenant.Client.GetAsync(tenant.Crm($"deals/{before.Str("id")}")).ShouldBeOk()).GetProperty("customFields").TryGetProperty("channel", out _).ShouldBeFalse();
        var bad = await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "deal", key = "other", label = "Other", type = "number", defaultValue = "lots" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        bad.ErrorFields().ShouldBe(["defaultValue"]);
    }

    [Fact]
    public async Task An_archived_field_keeps_its_values_but_refuses_new_ones_until_restored()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var field = await tenant.CreateFieldAsync(new { recordType = "contact", key = "legacy_id", label = "Legacy id", type = "text" });
        var contact = await tenant.CreateContactAsync(new { name = "Old client", customFields = new { legacy_id = "A-17" } });

        var archived = await tenant.Client.PostAsync(tenant.Crm($"fields/{field.Str("id")}/archive"), null).ShouldBeOk();

        archived.GetProperty("archivedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await tenant.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeOk()).GetProperty("customFields").Str("legacy_id").ShouldBe("A-17");
        (await tenant.Client.GetAsync(tenant.Crm("contacts?cf.legacy_id=A-17")).ShouldBeOk()).Ids().ShouldBe([contact.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Crm("fields?recordType=contact")).ShouldBeOk()).Ids().ShouldNotContain(field.Str("id"));
        (await tenant.Client.GetAsync(tenant.Crm("fields?recordType=contact&archived=true")).ShouldBeOk()).Ids().ShouldContain(field.Str("id"));
        var refused = await tenant.Client.PatchJson(tenant.Crm($"contacts/{contact.Str("id")}"), new { customFields = new { legacy_id = "A-18" } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.ErrorFields().ShouldBe(["customFields.legacy_id"]);
        await tenant.Client.PatchJson(tenant.Crm($"contacts/{contact.Str("id")}"), new { jobTitle = "Unrelated change" }).ShouldBeOk();

        await tenant.Client.PostAsync(tenant.Crm($"fields/{field.Str("id")}/restore"), null).ShouldBeOk();
        var restored = await tenant.Client.PatchJson(tenant.Crm($"contacts/{contact.Str("id")}"), new { customFields = new { legacy_id = "A-18" } }).ShouldBeOk();
        restored.GetProperty("customFields").Str("legacy_id").ShouldBe("A-18");
    }

    [Fact]
    public async Task Field_definitions_are_validated_unique_and_keep_their_key_and_type()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var problem = await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "planet", key = "Bad Key", label = "", type = "colour", options = new[] { "x" }, target = "contact" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["recordType", "key", "label", "type", "options", "target"], ignoreOrder: true);
        (await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "lead", key = "kind", label = "Kind", type = "select" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["options"]);
        (await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "lead", key = "link", label = "Link", type = "relation" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["target"]);

        var field = await tenant.CreateFieldAsync(new { recordType = "lead", key = "kind", label = "Kind", type = "text" });
        (await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "lead", key = "kind", label = "Again", type = "text" }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("duplicate-field");
        await tenant.CreateFieldAsync(new { recordType = "deal", key = "kind", label = "Same key, other type of record", type = "number" });

        var changed = await tenant.Client.PatchJson(tenant.Crm($"fields/{field.Str("id")}"), new { label = "Lead kind", required = true }, "\"1\"").ShouldBeOk();
        changed.Str("label").ShouldBe("Lead kind");
        changed.GetProperty("required").GetBoolean().ShouldBeTrue();
        (await tenant.Client.PatchJson(tenant.Crm($"fields/{field.Str("id")}"), new { key = "renamed", type = "number" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["key", "type"], ignoreOrder: true);
        await tenant.Client.PatchJson(tenant.Crm($"fields/{field.Str("id")}"), new { label = "Stale" }, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Only_members_with_crm_settings_define_fields()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var employee = await tenant.AddMemberAsync("Employee");

        await employee.Client.PostJson(tenant.Crm("fields"), new { recordType = "lead", key = "x", label = "X", type = "text" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.Client.GetAsync(tenant.Crm("fields")).ShouldBeOk();
    }
}

public sealed class CustomFieldTestsOnSqlite(SqliteFactory app) : CustomFieldTests<SqliteFactory>(app);

public sealed class CustomFieldTestsOnPostgres(PostgresFactory app) : CustomFieldTests<PostgresFactory>(app);
