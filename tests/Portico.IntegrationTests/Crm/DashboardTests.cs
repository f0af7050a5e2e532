using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>The CRM dashboard's figures, computed in SQL on both providers, and what a restricted member sees of them.</summary>
public abstract class DashboardTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task The_dashboard_counts_leads_per_day_and_source_sums_open_value_per_stage_and_measures_response_time()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "studio");
        var answered = await tenant.CreateLeadAsync(new { contactName = "Anna", source = "telegram", value = new { amount = "100" } });
        await tenant.CreateLeadAsync(new { contactName = "Boris", source = "telegram", value = new { amount = "50.25" } });
        await tenant.CreateLeadAsync(new { contactName = "Clara", source = "manual" });
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "lead", recordId = answered.Str("id"), kind = "call", subject = "Called back" })
            .ShouldBe(HttpStatusCode.Created);
        await tenant.CreateDealAsync(new { title = "Sleeve", amount = new { amount = "900" } });

        var dashboard = await tenant.Client.GetAsync(tenant.Crm("dashboard")).ShouldBeOk();

        dashboard.Str("currency").ShouldBe("EUR");
        dashboard.GetProperty("newLeads").GetInt32().ShouldBe(3);
        dashboard.GetProperty("openLeads").GetInt32().ShouldBe(3);
        dashboard.GetProperty("openDeals").GetInt32().ShouldBe(1);
        dashboard.GetProperty("openDealsValue").Str("amount").ShouldBe("900.00");
        var days = dashboard.GetProperty("leadsPerDay").EnumerateArray().ToList();
        days.Count.ShouldBe(30);
        days[^1].GetProperty("count").GetInt32().ShouldBe(3); // today, in the tenant's zone
        days.Take(29).ShouldAllBe(d => d.GetProperty("count").GetInt32() == 0);
        dashboard.GetProperty("leadsBySource").EnumerateArray().Select(s => (s.Str("source"), s.GetProperty("count").GetInt32()))
            .ShouldBe([("telegram", 2), ("manual", 1)]);
        var firstStage = dashboard.GetProperty("pipelineValue").EnumerateArray().First(s => s.Str("recordType") == "lead");
        firstStage.GetProperty("count").GetInt32().ShouldBe(3);
        firstStage.GetProperty("value").Str("amount").ShouldBe("150.25");
        dashboard.GetProperty("answered").GetInt32().ShouldBe(1);
        dashboard.GetProperty("responseHours").GetDouble().ShouldBeLessThan(1);
    }

    [Fact]
    public async Task A_restricted_employee_sees_the_figures_of_their_own_records_only()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = true }).ShouldBeOk();
        var employee = await tenant.AddMemberAsync("Employee");
        await tenant.CreateLeadAsync(new { contactName = "Mine", assigneeId = employee.Id });
        await tenant.CreateLeadAsync(new { contactName = "Theirs" });

        var dashboard = await employee.Client.GetAsync(tenant.Crm("dashboard")).ShouldBeOk();

        dashboard.GetProperty("newLeads").GetInt32().ShouldBe(1);
        (await tenant.Client.GetAsync(tenant.Crm("dashboard")).ShouldBeOk()).GetProperty("newLeads").GetInt32().ShouldBe(2);
    }
}

public sealed class DashboardTestsOnSqlite(SqliteFactory app) : DashboardTests<SqliteFactory>(app);

public sealed class DashboardTestsOnPostgres(PostgresFactory app) : DashboardTests<PostgresFactory>(app);
