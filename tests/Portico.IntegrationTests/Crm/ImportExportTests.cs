using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Portico.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Portico.IntegrationTests.Crm;

public abstract class ImportExportTests<TFactory>(TFactory app, ITestOutputHelper output) : IClassFixture<TFactory>
    where TFactory : PorticoFactory, new()
{
    private static readonly byte[] RussianContacts = ImportTestFiles.Csv(
        "Имя;Телефон;Эл. почта;Теги",
        "Анна Смирнова;8 999 123-45-67;anna@example.ru;vip, постоянный",
        "Борис Петров;+7 (916) 000-11-22;boris@example.ru;",
        "Вера;8 903 555 44 33;;новый");

    [Fact]
    public async Task Russian_headers_of_a_semicolon_csv_are_mapped_to_fields_with_a_preview()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");

        var job = await tenant.UploadAsync(RussianContacts, "клиенты.csv");

        job.Str("status").ShouldBe("uploaded");
        job.Str("format").ShouldBe("csv");
        job.Str("recordType").ShouldBe("contact");
        job.GetProperty("headers").EnumerateArray().Select(h => h.GetString()).ShouldBe(["Имя", "Телефон", "Эл. почта", "Теги"]);
        job.Mapping().ShouldBe(new Dictionary<string, string?> { ["Имя"] = "name", ["Телефон"] = "phone", ["Эл. почта"] = "email", ["Теги"] = "tags" });
        var preview = job.GetProperty("preview").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()).ToArray()).ToList();
        preview.Count.ShouldBe(3);
        preview[0].ShouldBe(["Анна Смирнова", "8 999 123-45-67", "anna@example.ru", "vip, постоянный"]);
        preview[2].ShouldBe(["Вера", "8 903 555 44 33", "", "новый"]);
    }

    [Fact]
    public async Task A_csv_saved_in_windows_1251_is_read_as_cyrillic()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var cp1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

        var job = await tenant.UploadAsync(cp1251.GetBytes("Имя;Телефон\r\nЁжик Иванов;8 999 000 11 22\r\n"), "старый.csv");

        job.Mapping().ShouldBe(new Dictionary<string, string?> { ["Имя"] = "name", ["Телефон"] = "phone" });
        job.GetProperty("preview")[0][0].GetString().ShouldBe("Ёжик Иванов");
    }

    [Fact]
    public async Task Headers_are_compared_without_case_spaces_dashes_or_underscores_and_lead_synonyms_apply()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateFieldAsync(new { recordType = "lead", key = "car_model", label = "Модель авто", type = "text" });
        var file = ImportTestFiles.Csv("ФИО,E-MAIL ,mobile_phone,Название,Бюджет,Комментарий,модель авто,Unknown", "Иван,ivan@example.ru,+79990001122,Ремонт,1500,звонить вечером,Lada,x");

        var job = await tenant.UploadAsync(file, "leads.csv", recordType: "lead");

        job.Mapping().ShouldBe(new Dictionary<string, string?>
        {
            ["ФИО"] = "contactName", ["E-MAIL"] = "email", ["mobile_phone"] = "phone", ["Название"] = "title", ["Бюджет"] = "value",
            ["Комментарий"] = null, ["модель авто"] = "cf.car_model", ["Unknown"] = null,
        });
    }

    [Fact]
    public async Task An_xlsx_file_is_read_like_a_csv()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var file = ImportTestFiles.Xlsx(
            ["Name", "Phone", "Email", "Company"],
            ["Olga Ivanova", 79161234567d, "olga@example.com", "Lavanda"],
            ["Petr", "8 926 000 00 01", null, null]);

        var job = await tenant.UploadAsync(file, "contacts.xlsx");

        job.Str("format").ShouldBe("xlsx");
        job.Mapping().ShouldBe(new Dictionary<string, string?> { ["Name"] = "name", ["Phone"] = "phone", ["Email"] = "email", ["Company"] = "companyName" });
        job.GetProperty("preview")[0].EnumerateArray().Select(c => c.GetString()).ShouldBe(["Olga Ivanova", "79161234567", "olga@example.com", "Lavanda"]);

        var done = await tenant.RunToEndAsync(job);
        done.Number("created").ShouldBe(2);
        var olga = (await tenant.Client.GetAsync(tenant.Crm("contacts?q=olga")).ShouldBeOk()).Items().Single();
        olga.GetProperty("phones")[0].GetString().ShouldBe("+79161234567");
        olga.Str("companyName").ShouldBe("Lavanda");
    }

    [Fact]
    public async Task Changing_the_mapping_checks_columns_and_fields()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var job = await tenant.UploadAsync(RussianContacts, "клиенты.csv");
        var url = tenant.Crm($"imports/{job.Str("id")}/mapping");

        var problem = await tenant.Client.PutAsJsonAsync(url, new { mapping = new Dictionary<string, string?> { ["Имя"] = "salary", ["Нет такой"] = "email", ["Теги"] = "cf.nothing" } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["mapping.Имя", "mapping.Нет такой", "mapping.Теги"], ignoreOrder: true);

        var changed = await tenant.Client.PutAsJsonAsync(url, new { mapping = new Dictionary<string, string?> { ["Имя"] = "name", ["Телефон"] = "phone" } }).ShouldBeOk();
        changed.Mapping().ShouldBe(new Dictionary<string, string?> { ["Имя"] = "name", ["Телефон"] = "phone", ["Эл. почта"] = null, ["Теги"] = null });

        await tenant.RunToEndAsync(changed);
        await tenant.Client.PutAsJsonAsync(url, new { mapping = new Dictionary<string, string?> { ["Имя"] = "name" } }).ShouldBeProblem(HttpStatusCode.Conflict);
        var vera = (await tenant.Client.GetAsync(tenant.Crm("contacts?q=Вера")).ShouldBeOk()).Items().Single();
        vera.GetProperty("tags").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_dry_run_reports_row_errors_with_spreadsheet_row_numbers_and_saves_nothing()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var file = ImportTestFiles.Csv(
            "Имя;Телефон;Эл. почта",
            "Анна;8 999 111 22 33;anna@example.ru",
            "Борис;8 999 111 22 44;boris@example.ru",
            "Вера;8 999 111 22 55;вера@@нет",
            "Глеб;12;gleb@example.ru");
        var job = await tenant.UploadAsync(file, "clients.csv");

        var dry = await tenant.Client.PostAsync(tenant.Crm($"imports/{job.Str("id")}/dry-run"), null).ShouldBeOk();

        dry.Number("totalRows").ShouldBe(4);
        dry.Number("valid").ShouldBe(2);
        dry.Number("invalid").ShouldBe(2);
        dry.Number("wouldCreate").ShouldBe(2);
        dry.Number("wouldUpdate").ShouldBe(0);
        dry.Number("wouldSkip").ShouldBe(0);
        var errors = dry.GetProperty("errors").EnumerateArray().ToList();
        errors.Count.ShouldBe(2);
        errors[0].Number("row").ShouldBe(4);
        errors[0].Str("column").ShouldBe("Эл. почта");
        errors[0].Str("message").ShouldContain("вера@@нет");
        errors[1].Number("row").ShouldBe(5);
        errors[1].Str("column").ShouldBe("Телефон");
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await tenant.Client.GetAsync(tenant.Crm($"imports/{job.Str("id")}")).ShouldBeOk()).Str("status").ShouldBe("uploaded");
    }

    [Fact]
    public async Task An_import_runs_in_the_background_and_reports_what_it_created_and_the_rows_it_could_not_take()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var file = ImportTestFiles.Csv(
            "Имя;Телефон;Эл. почта;Теги",
            "Анна Смирнова;8 999 123-45-67;anna@example.ru;vip, постоянный",
            "Борис;;не почта;",
            "Вера;8 903 555 44 33;;новый");
        var job = await tenant.UploadAsync(file, "клиенты.csv");

        var done = await tenant.RunToEndAsync(job);

        done.Str("status").ShouldBe("completed");
        (done.Number("totalRows"), done.Number("processedRows"), done.Number("created"), done.Number("updated"), done.Number("skipped"), done.Number("failed")).ShouldBe((3, 3, 2, 0, 0, 1));
        done.GetProperty("errors")[0].Number("row").ShouldBe(3);
        done.GetProperty("startedAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(done.GetProperty("finishedAt").GetDateTimeOffset());
        var anna = (await tenant.Client.GetAsync(tenant.Crm("contacts?q=анна")).ShouldBeOk()).Items().Single();
        anna.Str("name").ShouldBe("Анна Смирнова");
        anna.GetProperty("phones")[0].GetString().ShouldBe("+79991234567");
        anna.GetProperty("emails")[0].GetString().ShouldBe("anna@example.ru");
        anna.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["vip", "постоянный"]);

        var list = await tenant.Client.GetAsync(tenant.Crm("imports?status=completed")).ShouldBeOk();
        list.Ids().ShouldBe([job.Str("id")]);
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_nothing_new()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var first = await tenant.RunToEndAsync(await tenant.UploadAsync(RussianContacts, "клиенты.csv"));
        first.Number("created").ShouldBe(3);

        var again = await tenant.RunToEndAsync(await tenant.UploadAsync(RussianContacts, "клиенты.csv"));

        (again.Number("created"), again.Number("updated"), again.Number("skipped"), again.Number("failed")).ShouldBe((0, 0, 3, 0));
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().Count.ShouldBe(3);
    }

    [Fact]
    public async Task Leads_are_linked_to_matching_contacts_and_a_second_import_of_the_file_skips_every_row()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var contact = await tenant.CreateContactAsync(new { name = "Анна Смирнова", phones = new[] { "+79991234567" } });
        var file = ImportTestFiles.Csv(
            "Название,ФИО,Телефон,Сумма,Приоритет,Источник",
            "Стрижка,Анна,8 999 123 45 67,\"1 500,50\",высокий,Instagram",
            ",Олег,+7 926 111 22 33,,,Сарафанное радио",
            "Окрашивание,Ира,+7 926 111 22 44,abc,,");

        var done = await tenant.RunToEndAsync(await tenant.UploadAsync(file, "leads.csv", recordType: "lead"));

        (done.Number("created"), done.Number("failed")).ShouldBe((2, 1));
        done.GetProperty("errors")[0].Str("column").ShouldBe("Сумма");
        var leads = (await tenant.Client.GetAsync(tenant.Crm("leads?sort=title")).ShouldBeOk()).Items();
        var haircut = leads.Single(l => l.Str("title") == "Стрижка");
        haircut.Str("contactId").ShouldBe(contact.Str("id"));
        haircut.Str("priority").ShouldBe("high");
        haircut.Str("source").ShouldBe("instagram");
        haircut.GetProperty("value").Str("amount").ShouldBe("1500.50");
        var oleg = leads.Single(l => l.Str("contactName") == "Олег");
        oleg.Str("title").ShouldBe("Лид: Олег");
        oleg.Str("source").ShouldBe("import");
        oleg.GetProperty("formData").Str("Источник").ShouldBe("Сарафанное радио");

        var again = await tenant.RunToEndAsync(await tenant.UploadAsync(file, "leads.csv", recordType: "lead"));
        (again.Number("created"), again.Number("skipped"), again.Number("failed")).ShouldBe((0, 2, 1));
        (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeOk()).Items().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_row_with_the_phone_of_an_existing_contact_updates_that_contact_instead_of_duplicating_it()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var existing = await tenant.CreateContactAsync(new { name = "Анна", phones = new[] { "+79991234567" }, tags = new[] { "regular" } });

        var done = await tenant.RunToEndAsync(await tenant.UploadAsync(RussianContacts, "клиенты.csv"));

        (done.Number("created"), done.Number("updated")).ShouldBe((2, 1));
        var contacts = (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items();
        contacts.Count.ShouldBe(3);
        var anna = await tenant.Client.GetAsync(tenant.Crm($"contacts/{existing.Str("id")}")).ShouldBeOk();
        anna.Str("name").ShouldBe("Анна Смирнова");
        anna.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["anna@example.ru"]);
        anna.GetProperty("phones").EnumerateArray().Select(e => e.GetString()).ShouldBe(["+79991234567"]);
        anna.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["regular", "vip", "постоянный"]);
    }

    [Fact]
    public async Task Imported_records_start_their_timelines_with_a_created_entry_by_the_importer_and_an_updated_contact_gets_an_updated_entry()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var existing = await tenant.CreateContactAsync(new { name = "Анна", phones = new[] { "+79991234567" } });
        (await tenant.RunToEndAsync(await tenant.UploadAsync(RussianContacts, "клиенты.csv"))).Number("created").ShouldBe(2);
        (await tenant.RunToEndAsync(await tenant.UploadAsync(ImportTestFiles.Csv("Название,Телефон", "Стрижка,+7 926 111 22 33"), "leads.csv", recordType: "lead"))).Number("created").ShouldBe(1);

        var vera = (await tenant.Client.GetAsync(tenant.Crm("contacts?q=вера")).ShouldBeOk()).Items().Single();
        var created = (await tenant.Client.GetAsync(tenant.Crm($"contacts/{vera.Str("id")}/timeline")).ShouldBeOk()).Items().ShouldHaveSingleItem();
        (created.Str("kind"), created.Str("action"), created.Str("actor")).ShouldBe(("change", "created", $"user:{tenant.Owner.Id}"));
        created.GetProperty("changes").GetProperty("name").Str("new").ShouldBe("Вера");
        created.GetProperty("changes").GetProperty("phone").Str("new").ShouldBe("+79035554433");

        var anna = (await tenant.Client.GetAsync(tenant.Crm($"contacts/{existing.Str("id")}/timeline")).ShouldBeOk()).Items();
        anna.Select(e => e.Str("action")).ShouldBe(["updated", "created"]);
        anna[0].GetProperty("changes").GetProperty("name").Str("new").ShouldBe("Анна Смирнова");

        var lead = (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeOk()).Items().Single();
        var leadCreated = (await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}/timeline")).ShouldBeOk()).Items().ShouldHaveSingleItem();
        (leadCreated.Str("action"), leadCreated.GetProperty("changes").GetProperty("title").Str("new")).ShouldBe(("created", "Стрижка"));
        (await tenant.Client.GetAsync(tenant.Crm("leads?q=стрижка")).ShouldBeOk()).Ids().ShouldBe([lead.Str("id")], "the search index holds bulk-written records");
    }

    [Fact]
    public async Task A_lead_row_that_names_nobody_fails_on_its_row_and_the_others_are_imported()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var done = await tenant.RunToEndAsync(await tenant.UploadAsync(
            ImportTestFiles.Csv("Name,Email,Priority", "Anna,anna@example.com,high", ",,urgent", "Boris,,low"), "leads.csv", recordType: "lead"));

        (done.Number("created"), done.Number("failed")).ShouldBe((2, 1));
        var error = done.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.Number("row").ShouldBe(3);
        error.Str("message").ShouldContain("reach or recognize");
        (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeOk()).Items().Select(l => l.Str("contactName")).ShouldBe(["Anna", "Boris"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_import_racing_api_creates_of_the_same_emails_completes_with_one_contact_per_email()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var job = await tenant.UploadAsync(ImportTestFiles.Csv(["Name,Email", .. Enumerable.Range(0, 150).Select(i => $"Imported {i},racer{i}@example.com")]), "contacts.csv");

        var importing = tenant.RunToEndAsync(job);
        var creates = await Task.WhenAll(Enumerable.Range(0, 150).Select(i =>
            tenant.Client.PostJson(tenant.Crm("contacts"), new { name = $"Typed {i}", emails = new[] { $"racer{i}@example.com" } })));
        var done = await importing;

        done.Str("status").ShouldBe("completed", done.ToString());
        (done.Number("created") + done.Number("updated") + done.Number("skipped")).ShouldBe(150);
        creates.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        var contacts = await tenant.Client.GetAsync(tenant.Crm("contacts?limit=200")).ShouldBeOk();
        contacts.Items().Count.ShouldBe(150);
        contacts.Items().SelectMany(c => c.GetProperty("emails").EnumerateArray().Select(e => e.GetString())).Distinct().Count().ShouldBe(150);
    }

    [Fact]
    public async Task A_20000_row_csv_streams_through_in_batches_and_completes()
    {
        const int rows = 20_000;
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var text = new StringBuilder("Name,Phone,Email,Company\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Client {i},+7 999 {i / 10000:000} {i % 10000:0000},client{i}@example.com,Company {i % 50}\n");
        }

        var job = await tenant.UploadAsync(Encoding.UTF8.GetBytes(text.ToString()), "big.csv");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var done = await tenant.RunToEndAsync(job, Patience.Cap);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        output.WriteLine($"{app.ProviderName}: imported {rows} contacts in {clock.Elapsed.TotalSeconds:F1} s = {rows / clock.Elapsed.TotalSeconds:F0} rows/s "
            + $"(this process used {cpu.TotalSeconds:F1} s of CPU: {rows / cpu.TotalSeconds:F0} rows per CPU-second; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")})");
        done.Str("status").ShouldBe("completed", done.ToString());
        (done.Number("totalRows"), done.Number("processedRows"), done.Number("created"), done.Number("failed")).ShouldBe((rows, rows, rows, 0));
        var found = (await tenant.Client.GetAsync(tenant.Crm("contacts?q=client19999@example.com")).ShouldBeOk()).Items().Single();
        found.GetProperty("phones")[0].GetString().ShouldBe("+79990019999");
    }

    [Fact]
    public async Task A_csv_export_with_a_filter_has_only_the_matching_rows_a_bom_and_cyrillic_intact()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateFieldAsync(new { recordType = "contact", key = "nickname", label = "Прозвище", type = "text" });
        await tenant.CreateContactAsync(new { name = "Анна «Ёлка» Смирнова", emails = new[] { "anna@example.ru" }, tags = new[] { "vip" }, customFields = new { nickname = "Ёлочка" } });
        await tenant.CreateContactAsync(new { name = "Борис", tags = new[] { "new" } });

        var response = await tenant.Client.GetAsync(tenant.Crm("contacts/export?format=csv&tags=vip"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldEndWith(".csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(bytes[3..]));
        reader.Spec.Sep.Separator.ShouldBe(';');
        var names = new List<string>();
        foreach (var row in reader)
        {
            names.Add(row["name"].ToString());
            row["emails"].ToString().ShouldBe("anna@example.ru");
            row["tags"].ToString().ShouldBe("vip");
            row["Прозвище (cf.nickname)"].ToString().ShouldBe("Ёлочка");
        }

        names.ShouldBe(["Анна «Ёлка» Смирнова"]);
    }

    [Fact]
    public async Task A_csv_export_defuses_formulas_but_keeps_phone_numbers()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateContactAsync(new { name = "=HYPERLINK(\"http://evil.test\",\"click\")", phones = new[] { "+79991234567" } });

        var csv = await tenant.Client.GetStringAsync(tenant.Crm("contacts/export?format=csv"));

        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv.TrimStart('\uFEFF'));
        foreach (var row in reader)
        {
            row["name"].ToString().ShouldBe("'=HYPERLINK(\"http://evil.test\",\"click\")");
            row["phones"].ToString().ShouldBe("+79991234567");
        }
    }

    [Fact]
    public async Task An_xlsx_export_opens_with_MiniExcel_and_has_the_rows()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateLeadAsync(new { title = "Стрижка", contactName = "Анна", value = new { amount = "1500.00", currency = "RUB" } });
        await tenant.CreateLeadAsync(new { title = "Окрашивание", phone = "+79991234567" });

        var response = await tenant.Client.GetAsync(tenant.Crm("leads/export?format=xlsx"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => r["title"]).ShouldBe(["Стрижка", "Окрашивание"], ignoreOrder: true);
        rows.Single(r => (string?)r["title"] == "Стрижка")["value"].ShouldBe(1500d);
        rows.Single(r => (string?)r["title"] == "Окрашивание")["phone"].ShouldBe("+79991234567");

        await tenant.CreateDealAsync(new { title = "Годовой абонемент" });
        var deals = await tenant.Client.GetStringAsync(tenant.Crm("deals/export?delimiter=comma"));
        deals.TrimStart('\uFEFF').ShouldStartWith("id,title,amount,currency,status,pipeline,stage");
        deals.ShouldContain("Годовой абонемент");
    }

    [Fact]
    public async Task Under_restricted_visibility_an_employee_imports_for_themselves_and_sees_only_their_own_imports()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var employee = await tenant.AddMemberAsync("Employee");
        var colleague = await tenant.AddMemberAsync("Employee");
        await tenant.CreateContactAsync(new { name = "Борис", phones = new[] { "+79160001122" }, ownerId = colleague.Id });
        await tenant.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = true }).ShouldBeOk();

        var job = await tenant.UploadAsync(RussianContacts, "мои.csv", client: employee.Client);
        var done = await tenant.RunToEndAsync(job, client: employee.Client);

        (done.Number("created"), done.Number("failed")).ShouldBe((2, 1));
        done.GetProperty("errors")[0].Str("message").ShouldContain("assigned to someone else");
        var mine = (await employee.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items();
        mine.Select(c => c.Str("name")).ShouldBe(["Анна Смирнова", "Вера"], ignoreOrder: true);
        mine.ShouldAllBe(c => c.Str("ownerId") == employee.Id);
        await colleague.Client.GetAsync(tenant.Crm($"imports/{job.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await colleague.Client.GetAsync(tenant.Crm("imports")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await employee.Client.GetAsync(tenant.Crm("imports")).ShouldBeOk()).Ids().ShouldBe([job.Str("id")]);
        (await tenant.Client.GetAsync(tenant.Crm("imports")).ShouldBeOk()).Ids().ShouldBe([job.Str("id")]);
        var export = await employee.Client.GetStringAsync(tenant.Crm("contacts/export"));
        export.ShouldContain("Вера");
        export.ShouldNotContain("Борис");
    }

    [Fact]
    public async Task An_exported_file_imports_back_without_duplicates()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, locale: "ru");
        await tenant.CreateContactAsync(new { name = "Анна", emails = new[] { "anna@example.ru" }, phones = new[] { "+79991234567" } });
        var export = await tenant.Client.GetByteArrayAsync(tenant.Crm("contacts/export?format=xlsx"));

        var job = await tenant.UploadAsync(export, "export.xlsx");
        job.Mapping()["emails"].ShouldBe("email");
        job.Mapping()["id"].ShouldBeNull();
        var done = await tenant.RunToEndAsync(job);

        (done.Number("created"), done.Number("skipped")).ShouldBe((0, 1));
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_415()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var garbage = RandomNumberGenerator.GetBytes(4096);
        garbage[0] = 0x01;

        var problem = await tenant.Client.PostAsync(tenant.Crm("imports"), ImportTestFiles.Form(garbage, "contacts.csv", "contact"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        problem.Str("detail").ShouldContain("CSV or XLSX");
        (await tenant.Client.GetAsync(tenant.Crm("imports")).ShouldBeOk()).Items().ShouldBeEmpty();
        var missing = await tenant.Client.PostAsync(tenant.Crm("imports"), ImportTestFiles.Form(RussianContacts, "a.csv", "deal"))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        missing.ErrorFields().ShouldBe(["recordType"]);
    }

    [Fact]
    public async Task Another_tenants_import_is_a_404()
    {
        var owner = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var stranger = await CrmTestTenant.CreateAsync(app, locale: "ru");
        var job = await owner.UploadAsync(RussianContacts, "клиенты.csv");
        var id = job.Str("id");

        await stranger.Client.GetAsync(stranger.Crm($"imports/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await stranger.Client.PostAsync(stranger.Crm($"imports/{id}/run"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await stranger.Client.PostAsync(stranger.Crm($"imports/{id}/dry-run"), null).ShouldBeProblem(HttpStatusCode.NotFound);
        await stranger.Client.GetAsync(owner.Crm($"imports/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await stranger.Client.PostAsync(owner.Crm("imports"), ImportTestFiles.Form(RussianContacts, "x.csv", "contact")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await owner.Client.GetAsync(owner.Crm($"imports/{id}")).ShouldBeOk()).Str("status").ShouldBe("uploaded");
    }
}

public sealed class ImportExportTestsOnSqlite(SqliteFactory app, ITestOutputHelper output) : ImportExportTests<SqliteFactory>(app, output);

public sealed class ImportExportTestsOnPostgres(PostgresFactory app, ITestOutputHelper output) : ImportExportTests<PostgresFactory>(app, output);
