using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Catalog;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Templates;

namespace Portico.IntegrationTests.WorkOrders;

public abstract class RepairServiceTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static string Workshop(CatalogTestTenant tenant, string path) => $"/api/v1/tenants/{tenant.Slug}/workshop/{path}";

    private static object Stage(string ru, int minutes, params string[] checklist) =>
        new { name = new { ru, en = ru + " (en)" }, expectedMinutes = minutes, checklist };

    private async Task<(CatalogTestTenant Tenant, string ServiceId)> RepairServiceAsync(object? labour = null)
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var service = await tenant.CreateServiceAsync("Замена тормозных колодок", "Brake pad replacement", "0", 90);
        await tenant.Client.PostJson(Workshop(tenant, "services"), new
        {
            serviceId = service.Str("id"),
            labour = labour ?? new { kind = "fixed", price = "1500.00" },
            vatRate = 20,
        }).ShouldBe(HttpStatusCode.Created);
        return (tenant, service.Str("id"));
    }

    [Fact]
    public async Task A_repair_service_extends_a_catalog_service_with_labour_priced_by_the_hour_and_VAT()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var service = await tenant.CreateServiceAsync("Диагностика подвески", "Suspension check", "500.00", 60);

        var created = await tenant.Client.PostJson(Workshop(tenant, "services"), new
        {
            serviceId = service.Str("id"),
            labour = new { kind = "hourly", hourlyRate = "2400.00", standardHours = 1.25 },
            vatRate = 20,
        }).ShouldBe(HttpStatusCode.Created);

        created.Str("serviceId").ShouldBe(service.Str("id"));
        created.GetProperty("name").Str("ru").ShouldBe("Диагностика подвески");
        created.GetProperty("name").Str("en").ShouldBe("Suspension check");
        created.GetProperty("labour").Str("kind").ShouldBe("hourly");
        created.GetProperty("labour").GetProperty("hourlyRate").Str("amount").ShouldBe("2400.00");
        created.GetProperty("labour").GetProperty("total").Str("amount").ShouldBe("3000.00");
        created.GetProperty("labour").GetProperty("total").Str("currency").ShouldBe("RUB");
        created.GetProperty("vat").Str("amount").ShouldBe("600.00");
        created.GetProperty("labourWithVat").Str("amount").ShouldBe("3600.00");
        created.GetProperty("currentTemplateVersion").GetInt32().ShouldBe(0);

        var url = Workshop(tenant, $"services/{service.Str("id")}");
        var changed = await tenant.Client.PatchJson(url, new { labour = new { kind = "fixed", price = "2000" }, vatRate = 10 },
            ifMatch: $"\"{created.GetProperty("version").GetInt64()}\"").ShouldBeOk();
        changed.GetProperty("labour").GetProperty("total").Str("amount").ShouldBe("2000.00");
        changed.GetProperty("labour").GetProperty("hourlyRate").ValueKind.ShouldBe(JsonValueKind.Null);
        changed.GetProperty("vat").Str("amount").ShouldBe("200.00");
        await tenant.Client.PatchJson(url, new { vatRate = 0 }, ifMatch: $"\"{created.GetProperty("version").GetInt64()}\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var page = await tenant.Client.GetAsync(Workshop(tenant, "services")).ShouldBeOk();
        var listed = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("name").Str("ru").ShouldBe("Диагностика подвески");
        (await tenant.Client.GetAsync(url).ShouldBeOk()).GetProperty("vatRate").GetDecimal().ShouldBe(10m);

        await tenant.Client.PostJson(Workshop(tenant, "services"), new { serviceId = service.Str("id"), labour = new { kind = "fixed", price = "1" }, vatRate = 0 })
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_repair_service_needs_a_catalog_service_of_the_tenant_and_valid_labour()
    {
        var tenant = await CatalogTestTenant.CreateAsync(app);
        var other = await CatalogTestTenant.CreateAsync(app);
        var foreign = await other.CreateServiceAsync("Чужая", "Foreign");
        var own = await tenant.CreateServiceAsync("Своя", "Own");
        async Task<IReadOnlyList<string>> Refused(object body) =>
            (await tenant.Client.PostJson(Workshop(tenant, "services"), body).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields();

        (await Refused(new { serviceId = foreign.Str("id"), labour = new { kind = "fixed", price = "100" }, vatRate = 20 })).ShouldBe(["serviceId"]);
        (await Refused(new { serviceId = Guid.CreateVersion7(), labour = new { kind = "fixed", price = "100" }, vatRate = 20 })).ShouldBe(["serviceId"]);
        (await Refused(new { serviceId = own.Str("id"), labour = new { kind = "hourly", hourlyRate = "100" }, vatRate = 20 })).ShouldBe(["labour.standardHours"]);
        (await Refused(new { serviceId = own.Str("id"), labour = new { kind = "hourly", hourlyRate = "100", standardHours = 0 }, vatRate = 20 })).ShouldBe(["labour.standardHours"]);
        (await Refused(new { serviceId = own.Str("id"), labour = new { kind = "daily", price = "100" }, vatRate = 20 })).ShouldBe(["labour.kind"]);
        (await Refused(new { serviceId = own.Str("id"), labour = new { kind = "fixed", price = "-5" }, vatRate = 120 })).Order().ShouldBe(["labour.price", "vatRate"]);
        (await Refused(new { serviceId = own.Str("id") })).Order().ShouldBe(["labour", "vatRate"]);
        await tenant.Client.GetAsync(Workshop(tenant, $"services/{own.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Saving_stages_adds_a_version_and_never_changes_an_older_one()
    {
        var (tenant, serviceId) = await RepairServiceAsync();
        var stages = Workshop(tenant, $"services/{serviceId}/stages");
        var empty = await tenant.Client.GetAsync(stages).ShouldBeOk();
        empty.GetProperty("number").GetInt32().ShouldBe(0);

        var part = Guid.CreateVersion7();
        var v1 = await (await tenant.Client.PutAsJsonAsync(stages, new
        {
            baseVersion = 0,
            stages = new object[]
            {
                Stage("Диагностика", 30, "Считать ошибки", "Проверить износ"),
                new { name = new { ru = "Замена колодок" }, expectedMinutes = 60, requiredSkill = " Brakes ", photoRequired = true, parts = new[] { new { itemId = part, quantity = 1.5m } } },
            },
        })).ShouldBe(HttpStatusCode.Created);
        v1.GetProperty("number").GetInt32().ShouldBe(1);
        v1.GetProperty("totalMinutes").GetInt32().ShouldBe(90);
        var pads = v1.GetProperty("stages")[1];
        pads.Str("requiredSkill").ShouldBe("brakes");
        pads.GetProperty("photoRequired").GetBoolean().ShouldBeTrue();
        pads.GetProperty("parts")[0].Str("itemId").ShouldBe(part.ToString());
        pads.GetProperty("parts")[0].GetProperty("quantity").GetDecimal().ShouldBe(1.5m);
        v1.GetProperty("stages")[0].GetProperty("checklist").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Считать ошибки", "Проверить износ"]);

        var v2 = await (await tenant.Client.PutAsJsonAsync(stages, new
        {
            baseVersion = 1,
            stages = new object[] { new { id = pads.Str("id"), name = new { ru = "Замена колодок и дисков" }, expectedMinutes = 120 } },
        })).ShouldBe(HttpStatusCode.Created);
        v2.GetProperty("number").GetInt32().ShouldBe(2);
        v2.GetProperty("stages")[0].Str("id").ShouldBe(pads.Str("id"));

        var first = await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}/versions/1")).ShouldBeOk();
        first.GetProperty("current").GetBoolean().ShouldBeFalse();
        first.GetProperty("stages").GetArrayLength().ShouldBe(2);
        first.GetProperty("stages")[1].GetProperty("name").Str("ru").ShouldBe("Замена колодок");
        first.GetProperty("stages")[1].GetProperty("expectedMinutes").GetInt32().ShouldBe(60);

        var history = await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}/versions")).ShouldBeOk();
        history.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ShouldBe([2, 1]);
        history[0].GetProperty("current").GetBoolean().ShouldBeTrue();
        (await tenant.Client.GetAsync(stages).ShouldBeOk()).GetProperty("number").GetInt32().ShouldBe(2);
        (await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}")).ShouldBeOk()).GetProperty("currentTemplateVersion").GetInt32().ShouldBe(2);
        await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}/versions/3")).ShouldBeProblem(HttpStatusCode.NotFound);

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(tenant.Id, tenant.Slug);
        var current = await scope.ServiceProvider.GetRequiredService<StageChains>().CurrentChainAsync([Guid.Parse(serviceId), Guid.CreateVersion7()], CancellationToken.None);
        current.ShouldHaveSingleItem().Number.ShouldBe(2);
        current[0].Stages.ShouldHaveSingleItem().Name.Ru.ShouldBe("Замена колодок и дисков");
    }

    [Fact]
    public async Task Stages_are_reordered_by_a_new_save_or_a_move_and_a_stale_save_is_a_409()
    {
        var (tenant, serviceId) = await RepairServiceAsync();
        var stages = Workshop(tenant, $"services/{serviceId}/stages");
        var v1 = await (await tenant.Client.PutAsJsonAsync(stages, new { stages = new[] { Stage("А", 10), Stage("Б", 20), Stage("В", 30) } })).ShouldBe(HttpStatusCode.Created);
        var ids = v1.GetProperty("stages").EnumerateArray().Select(s => s.Str("id")).ToList();

        var moved = await tenant.Client.PostJson($"{stages}/move", new { baseVersion = 1, stageId = ids[2], to = 0 }).ShouldBe(HttpStatusCode.Created);
        moved.GetProperty("number").GetInt32().ShouldBe(2);
        moved.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").Str("ru")).ShouldBe(["В", "А", "Б"]);

        var reordered = new[] { 1, 2, 0 }.Select(i => (object)new { id = ids[i], name = new { ru = "АБВ"[i].ToString() }, expectedMinutes = (i + 1) * 10 }).ToArray();
        var v3 = await (await tenant.Client.PutAsJsonAsync(stages, new { baseVersion = 2, stages = reordered })).ShouldBe(HttpStatusCode.Created);
        v3.GetProperty("stages").EnumerateArray().Select(s => s.Str("id")).ShouldBe([ids[1], ids[2], ids[0]]);

        (await (await tenant.Client.PutAsJsonAsync(stages, new { baseVersion = 2, stages = reordered })).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("template-version-stale");
        (await tenant.Client.PostJson($"{stages}/move", new { baseVersion = 1, stageId = ids[0], to = 1 }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("template-version-stale");
        using var request = new HttpRequestMessage(HttpMethod.Put, stages) { Content = JsonContent.Create(new { stages = reordered }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await tenant.Client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}/versions")).ShouldBeOk()).GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task A_chain_breaking_the_rules_is_a_422_naming_each_field()
    {
        var (tenant, serviceId) = await RepairServiceAsync();
        var stages = Workshop(tenant, $"services/{serviceId}/stages");
        async Task<IReadOnlyList<string>> Refused(object body) =>
            (await (await tenant.Client.PutAsJsonAsync(stages, body)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields();

        (await Refused(new { stages = Array.Empty<object>() })).ShouldBe(["stages"]);
        (await Refused(new { })).ShouldBe(["stages"]);
        (await Refused(new { stages = Enumerable.Range(0, 51).Select(i => Stage($"Этап {i}", 5)).ToArray() })).ShouldBe(["stages"]);
        (await Refused(new { stages = new object[] { new { expectedMinutes = 10 }, new { name = new { ru = "Х" }, expectedMinutes = 0 } } }))
            .ShouldBe(["stages[0].name", "stages[1].expectedMinutes"]);
        (await Refused(new { stages = new[] { Stage("Х", 10, [.. Enumerable.Range(0, 51).Select(i => $"п{i}")]) } })).ShouldBe(["stages[0].checklist"]);
        (await Refused(new { stages = new object[] { new { name = new { ru = "Х" }, expectedMinutes = 5, parts = new[] { new { itemId = Guid.CreateVersion7(), quantity = 0m } } } } }))
            .ShouldBe(["stages[0].parts[0].quantity"]);
        await tenant.Client.PostJson($"{stages}/move", new { stageId = Guid.CreateVersion7(), to = 0 }).ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync(Workshop(tenant, $"services/{serviceId}/versions")).ShouldBeOk()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_an_employee_reads_but_cannot_edit()
    {
        var (tenant, serviceId) = await RepairServiceAsync();
        var stages = Workshop(tenant, $"services/{serviceId}/stages");
        await (await tenant.Client.PutAsJsonAsync(stages, new { stages = new[] { Stage("А", 10) } })).ShouldBe(HttpStatusCode.Created);

        var other = await CatalogTestTenant.CreateAsync(app);
        await other.Client.GetAsync(Workshop(tenant, $"services/{serviceId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.GetAsync(Workshop(other, $"services/{serviceId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.GetAsync(Workshop(other, $"services/{serviceId}/versions/1")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.Client.PutAsJsonAsync(Workshop(other, $"services/{serviceId}/stages"), new { stages = new[] { Stage("Х", 10) } })).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PatchJson(Workshop(other, $"services/{serviceId}"), new { vatRate = 0 }).ShouldBeProblem(HttpStatusCode.NotFound);
        (await other.Client.GetAsync(Workshop(other, "services")).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var user = await app.RegisterAsync();
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = user.Email, role = "Employee" }).ShouldBe(HttpStatusCode.Created);
        var employee = user.Client(app);
        await employee.PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        (await employee.GetAsync(stages).ShouldBeOk()).GetProperty("number").GetInt32().ShouldBe(1);
        await (await employee.PutAsJsonAsync(stages, new { stages = new[] { Stage("Х", 10) } })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.PatchJson(Workshop(tenant, $"services/{serviceId}"), new { vatRate = 0 }).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class RepairServiceTestsOnSqlite(SqliteFactory app) : RepairServiceTests<SqliteFactory>(app);

public sealed class RepairServiceTestsOnPostgres(PostgresFactory app) : RepairServiceTests<PostgresFactory>(app);
