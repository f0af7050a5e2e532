using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class SearchAndFilterTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static async Task<IReadOnlyList<string>> Names(CrmTestTenant tenant, string query) =>
        (await tenant.Client.GetAsync(tenant.Crm("contacts" + query)).ShouldBeOk()).Items().Select(c => c.Str("name")).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Q_finds_cyrillic_names_by_a_prefix_in_any_case()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateContactAsync(new { name = "Анна Смирнова" });
        await tenant.CreateContactAsync(new { name = "Иван Петров", companyName = "Аннотация ООО" });
        await tenant.CreateContactAsync(new { name = "Пётр Иванов" });

        (await Names(tenant, "?q=анн")).ShouldBe(["Анна Смирнова", "Иван Петров"]);
        (await Names(tenant, "?q=АНН%20смир")).ShouldBe(["Анна Смирнова"]);
        (await Names(tenant, "?q=иван")).ShouldBe(["Иван Петров", "Пётр Иванов"]);
        (await Names(tenant, "?q=пётр")).ShouldBe(["Пётр Иванов"]);
        (await Names(tenant, "?q=ольга")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Q_finds_an_email_by_any_of_its_parts()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateContactAsync(new { name = "First", emails = new[] { "anna.smirnova@mail-box.test" } });
        await tenant.CreateContactAsync(new { name = "Second", emails = new[] { "ivan@corp.test" } });

        (await Names(tenant, "?q=smirn")).ShouldBe(["First"]);
        (await Names(tenant, "?q=mail")).ShouldBe(["First"]);
        (await Names(tenant, "?q=anna.smirnova%40mail-box.test")).ShouldBe(["First"]);
        (await Names(tenant, "?q=corp")).ShouldBe(["Second"]);
        (await Names(tenant, "?q=test")).ShouldBe(["First", "Second"]);
    }

    [Fact]
    public async Task Q_finds_any_run_of_letters_and_digits_in_emails_hyphenated_names_versions_and_urls()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateContactAsync(new { name = "Anne-Marie Smith", emails = new[] { "3e10ab.smith@example.com" } });
        await tenant.CreateContactAsync(new { name = "Other", emails = new[] { "3e11@example.com" } });
        await tenant.CreateLeadAsync(new { title = "Ёлка-2026 v1.2.3", contactName = "Jean-Luc Müller", email = "3e10ab.smith@example.com" });
        await tenant.CreateLeadAsync(new { title = "Other lead" });
        await tenant.CreateDealAsync(new { title = "Order from https://shop-24.example/catalog/v2" });

        async Task<IReadOnlyList<string>> Titles(string list, string q) =>
            (await tenant.Client.GetAsync(tenant.Crm($"{list}?q={Uri.EscapeDataString(q)}")).ShouldBeOk()).Items().Select(r => r.Str("title")).ToList();

        // A word that starts like a float (3e10…) is one word, as the query reads it.
        (await Names(tenant, "?q=3e10ab")).ShouldBe(["Anne-Marie Smith"]);
        (await Names(tenant, "?q=3e1")).ShouldBe(["Anne-Marie Smith", "Other"]);
        (await Names(tenant, "?q=smi")).ShouldBe(["Anne-Marie Smith"]);
        (await Names(tenant, "?q=marie")).ShouldBe(["Anne-Marie Smith"]);
        (await Names(tenant, "?q=anne-marie")).ShouldBe(["Anne-Marie Smith"]);
        (await Names(tenant, "?q=3e12")).ShouldBeEmpty();
        foreach (var q in new[] { "3e10ab", "ёлка", "ЁЛКА", "2026", "ёлка-2026", "v1.2.3", "luc", "müller", "smi" })
        {
            (await Titles("leads", q)).ShouldBe(["Ёлка-2026 v1.2.3"], $"q={q}");
        }

        (await Titles("leads", "ёлка-2027")).ShouldBeEmpty();
        foreach (var q in new[] { "shop", "24", "catalog", "v2", "https" })
        {
            (await Titles("deals", q)).ShouldBe(["Order from https://shop-24.example/catalog/v2"], $"q={q}");
        }

        (await Titles("deals", "catalogue")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("+7 999 123")]
    [InlineData("8 999 123")]
    [InlineData("8 (999) 123-45-67")]
    [InlineData("999 123 45")]
    [InlineData("79991234567")]
    public async Task Q_finds_a_phone_in_international_and_national_notation(string q)
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        await tenant.CreateContactAsync(new { name = "Caller", phones = new[] { "+7 999 123-45-67" } });
        await tenant.CreateContactAsync(new { name = "Other", phones = new[] { "+7 912 000-00-00" } });

        (await Names(tenant, "?q=" + Uri.EscapeDataString(q))).ShouldBe(["Caller"]);
    }

    [Fact]
    public async Task Q_finds_leads_by_title_and_deals_by_title()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateLeadAsync(new { title = "Windows replacement", contactName = "Boris" });
        await tenant.CreateLeadAsync(new { title = "Door repair" });
        await tenant.CreateDealAsync(new { title = "Windows order" });

        var leads = await tenant.Client.GetAsync(tenant.Crm("leads?q=wind")).ShouldBeOk();
        leads.Items().Select(l => l.Str("title")).ShouldBe(["Windows replacement"]);
        (await tenant.Client.GetAsync(tenant.Crm("leads?q=bor")).ShouldBeOk()).Items().Count.ShouldBe(1);
        (await tenant.Client.GetAsync(tenant.Crm("deals?q=windows")).ShouldBeOk()).Items().Select(d => d.Str("title")).ShouldBe(["Windows order"]);
    }

    [Fact]
    public async Task Standard_fields_filter_with_eq_in_ne_and_empty()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateContactAsync(new { name = "Web", source = "web", emails = new[] { "web@example.com" }, tags = new[] { "vip" } });
        await tenant.CreateContactAsync(new { name = "Phone", source = "phone" });
        await tenant.CreateContactAsync(new { name = "Walk-in", source = "walk-in", tags = new[] { "regular", "vip" } });

        (await Names(tenant, "?source=web")).ShouldBe(["Web"]);
        (await Names(tenant, "?source[eq]=phone")).ShouldBe(["Phone"]);
        (await Names(tenant, "?source[in]=web,walk-in")).ShouldBe(["Walk-in", "Web"]);
        (await Names(tenant, "?source[ne]=web")).ShouldBe(["Phone", "Walk-in"]);
        (await Names(tenant, "?email[empty]=true")).ShouldBe(["Phone", "Walk-in"]);
        (await Names(tenant, "?email[empty]=false")).ShouldBe(["Web"]);
        (await Names(tenant, "?tags=vip")).ShouldBe(["Walk-in", "Web"]);
        (await Names(tenant, "?tags[in]=regular")).ShouldBe(["Walk-in"]);
        (await Names(tenant, "?name[contains]=WALK")).ShouldBe(["Walk-in"]);
        (await Names(tenant, "?source=web&tags=vip")).ShouldBe(["Web"]);
    }

    [Fact]
    public async Task Money_filters_take_major_units_in_the_currency_filtered_or_the_tenants()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateLeadAsync(new { title = "Yen", value = new { amount = "15000", currency = "JPY" } });
        await tenant.CreateLeadAsync(new { title = "Dinar", value = new { amount = "100.250", currency = "KWD" } });
        await tenant.CreateLeadAsync(new { title = "Small", value = new { amount = "50.00" } });
        await tenant.CreateLeadAsync(new { title = "Exact", value = new { amount = "100.00" } });
        await tenant.CreateLeadAsync(new { title = "Large", value = new { amount = "250.75" } });
        await tenant.CreateLeadAsync(new { title = "Unvalued" });
        await tenant.CreateDealAsync(new { title = "Deal 99.99", amount = new { amount = "99.99" } });
        await tenant.CreateDealAsync(new { title = "Deal 100", amount = new { amount = "100" } });

        async Task<IReadOnlyList<string>> Leads(string query) =>
            (await tenant.Client.GetAsync(tenant.Crm("leads" + query)).ShouldBeOk()).Items().Select(l => l.Str("title")).Order(StringComparer.Ordinal).ToList();

        (await Leads("?value[gte]=100")).ShouldBe(["Exact", "Large"]);
        (await Leads("?value[gt]=100")).ShouldBe(["Large"]);
        (await Leads("?value[lt]=100.5")).ShouldBe(["Exact", "Small"]);
        (await Leads("?value=250.75")).ShouldBe(["Large"]);
        (await Leads("?value[empty]=true")).ShouldBe(["Unvalued"]);
        (await Leads("?currency=JPY&value[gte]=15000")).ShouldBe(["Yen"]);
        (await Leads("?currency=JPY&value[lt]=15001")).ShouldBe(["Yen"]);
        (await Leads("?currency=KWD&value=100.25")).ShouldBe(["Dinar"]);
        (await Leads("?currency=JPY")).ShouldBe(["Yen"]);
        var deals = await tenant.Client.GetAsync(tenant.Crm("deals?amount[gte]=100")).ShouldBeOk();
        deals.Items().Select(d => d.Str("title")).ShouldBe(["Deal 100"]);
    }

    [Fact]
    public async Task Custom_fields_filter_with_eq_in_gte_and_empty()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "level", label = "Level", type = "select", options = new[] { "gold", "silver", "bronze" } });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "visits", label = "Visits", type = "number" });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "pets", label = "Pets", type = "multi_select", options = new[] { "cat", "dog" } });
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "member", label = "Club member", type = "boolean" });
        await tenant.CreateContactAsync(new { name = "Gold", customFields = new { level = "gold", visits = 12, pets = new[] { "cat" }, member = true } });
        await tenant.CreateContactAsync(new { name = "Silver", customFields = new { level = "silver", visits = 3.5, pets = new[] { "cat", "dog" }, member = false } });
        await tenant.CreateContactAsync(new { name = "Bare" });

        (await Names(tenant, "?cf.level=gold")).ShouldBe(["Gold"]);
        (await Names(tenant, "?cf.level[in]=gold,silver")).ShouldBe(["Gold", "Silver"]);
        (await Names(tenant, "?cf.level[empty]=true")).ShouldBe(["Bare"]);
        (await Names(tenant, "?cf.visits[gte]=3.5")).ShouldBe(["Gold", "Silver"]);
        (await Names(tenant, "?cf.visits[gt]=10")).ShouldBe(["Gold"]);
        (await Names(tenant, "?cf.visits[lte]=3.5")).ShouldBe(["Silver"]);
        (await Names(tenant, "?cf.pets=dog")).ShouldBe(["Silver"]);
        (await Names(tenant, "?cf.pets[in]=cat,dog")).ShouldBe(["Gold", "Silver"]);
        (await Names(tenant, "?cf.pets[empty]=true")).ShouldBe(["Bare"]);
        (await Names(tenant, "?cf.member=true")).ShouldBe(["Gold"]);
        (await Names(tenant, "?cf.member=false")).ShouldBe(["Silver"]);
    }

    [Fact]
    public async Task Dates_and_times_filter_by_range_on_standard_and_custom_fields()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(new { recordType = "deal", key = "signed_on", label = "Signed on", type = "date" });
        await tenant.CreateDealAsync(new { title = "Early", expectedCloseOn = "2026-01-15", customFields = new { signed_on = "2025-12-01" } });
        await Task.Delay(50);
        var middle = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await tenant.CreateDealAsync(new { title = "Late", expectedCloseOn = "2026-06-30", customFields = new { signed_on = "2026-02-01" } });
        await tenant.CreateDealAsync(new { title = "Undated" });

        async Task<IReadOnlyList<string>> Deals(string query) =>
            (await tenant.Client.GetAsync(tenant.Crm("deals" + query)).ShouldBeOk()).Items().Select(d => d.Str("title")).Order(StringComparer.Ordinal).ToList();

        (await Deals("?expectedCloseOn[gte]=2026-03-01")).ShouldBe(["Late"]);
        (await Deals("?expectedCloseOn[lt]=2026-03-01")).ShouldBe(["Early"]);
        (await Deals("?expectedCloseOn[empty]=true")).ShouldBe(["Undated"]);
        (await Deals("?cf.signed_on[gte]=2026-01-01")).ShouldBe(["Late"]);
        (await Deals("?cf.signed_on[lte]=2026-01-01")).ShouldBe(["Early"]);
        (await Deals($"?createdAt[gte]={Uri.EscapeDataString(middle.ToString("O"))}")).ShouldBe(["Late", "Undated"]);
        (await Deals($"?createdAt[lt]={Uri.EscapeDataString(middle.ToString("O"))}")).ShouldBe(["Early"]);
    }

    [Fact]
    public async Task Sorting_by_a_custom_number_pages_every_row_once_in_order()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "score", label = "Score", type = "number" });
        var scores = new double?[] { 5, 1.5, 10, 5, -2, null, 7, 5, 100, 0 };
        var created = new List<(string Name, double Key, string Id)>();
        foreach (var (score, i) in scores.Select((s, i) => (s, i)))
        {
            var contact = await tenant.CreateContactAsync(score is null
                ? new { name = $"c{i}" }
                : new { name = $"c{i}", customFields = new { score = score.Value } });
            created.Add((contact.Str("name"), score ?? double.MinValue, contact.Str("id")));
        }

        foreach (var descending in new[] { false, true })
        {
            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var url = tenant.Crm($"contacts?sort={(descending ? "-" : "")}cf.score&limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                var page = await tenant.Client.GetAsync(url).ShouldBeOk();
                seen.AddRange(page.Items().Select(c => c.Str("name")));
                cursor = page.NextCursor();
                pages++;
            }
            while (cursor is not null && pages < 10);

            // Missing values sort first; ties by id (UUIDv7, in text order).
            var ascending = created.OrderBy(c => c.Key).ThenBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Select(c => c.Name).ToList();
            seen.ShouldBe(descending ? ascending.AsEnumerable().Reverse().ToList() : ascending, $"descending: {descending}");
            pages.ShouldBe(4);
        }
    }

    [Fact]
    public async Task Filters_search_and_sorting_combine_with_paging()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        foreach (var i in Enumerable.Range(1, 5))
        {
            await tenant.CreateContactAsync(new { name = $"Alpha {i}", source = i % 2 == 0 ? "even" : "odd" });
            await tenant.CreateContactAsync(new { name = $"Beta {i}", source = "odd" });
        }

        var first = await tenant.Client.GetAsync(tenant.Crm("contacts?q=alpha&source=odd&sort=name&limit=2")).ShouldBeOk();
        first.Items().Select(c => c.Str("name")).ShouldBe(["Alpha 1", "Alpha 3"]);
        var second = await tenant.Client.GetAsync(tenant.Crm($"contacts?q=alpha&source=odd&sort=name&limit=2&cursor={Uri.EscapeDataString(first.NextCursor()!)}")).ShouldBeOk();
        second.Items().Select(c => c.Str("name")).ShouldBe(["Alpha 5"]);
        second.NextCursor().ShouldBeNull();
    }

    [Theory]
    [InlineData("contacts?nosuch=1", "invalid-filter")]
    [InlineData("contacts?cf.nosuch=1", "invalid-filter")]
    [InlineData("contacts?name[like]=x", "invalid-filter")]
    [InlineData("contacts?name[eq=x", "invalid-filter")]
    [InlineData("contacts?email[empty]=maybe", "invalid-filter")]
    [InlineData("contacts?sort=nosuch", "invalid-sort")]
    [InlineData("contacts?sort=tags", "invalid-sort")]
    [InlineData("contacts?cursor=garbage", "invalid-cursor")]
    [InlineData("contacts?limit=0", "invalid-limit")]
    [InlineData("leads?value[gte]=lots", "invalid-filter")]
    [InlineData("leads?currency=JPY&value[gte]=15000.5", "invalid-filter")]
    [InlineData("leads?createdAt[gt]=yesterday", "invalid-filter")]
    [InlineData("leads?stageId=not-a-guid", "invalid-filter")]
    [InlineData("deals?amount[contains]=1", "invalid-filter")]
    public async Task A_bad_filter_sort_or_page_is_a_400_naming_it(string query, string type)
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var problem = await tenant.Client.GetAsync(tenant.Crm(query)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.Str("type").ShouldEndWith(type);
    }

    [Fact]
    public async Task A_cursor_of_one_sort_is_refused_for_another()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        foreach (var i in Enumerable.Range(1, 3))
        {
            await tenant.CreateContactAsync(new { name = $"Person {i}" });
        }

        var page = await tenant.Client.GetAsync(tenant.Crm("contacts?sort=name&limit=1")).ShouldBeOk();

        var problem = await tenant.Client.GetAsync(tenant.Crm($"contacts?sort=-name&limit=1&cursor={Uri.EscapeDataString(page.NextCursor()!)}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("type").ShouldEndWith("invalid-cursor");
    }
}

public sealed class SearchAndFilterTestsOnSqlite(SqliteFactory app) : SearchAndFilterTests<SqliteFactory>(app);

public sealed class SearchAndFilterTestsOnPostgres(PostgresFactory app) : SearchAndFilterTests<PostgresFactory>(app);
