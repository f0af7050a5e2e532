using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class VisibilityTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private sealed record Team(CrmTestTenant Tenant, CrmMember Mine, CrmMember Colleague, CrmMember Manager);

    /// <summary>A tenant with two Employees and a Manager, and a contact, a lead and a deal for each Employee plus an unassigned contact.</summary>
    private async Task<Team> TeamAsync(bool restricted)
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var team = new Team(tenant, await tenant.AddMemberAsync("Employee"), await tenant.AddMemberAsync("Employee"), await tenant.AddMemberAsync("Manager"));
        foreach (var (member, who) in new[] { (team.Mine, "mine"), (team.Colleague, "theirs") })
        {
            await tenant.CreateContactAsync(new { name = $"Contact {who}", ownerId = member.Id });
            await tenant.CreateLeadAsync(new { title = $"Lead {who}", assigneeId = member.Id });
            await tenant.CreateDealAsync(new { title = $"Deal {who}", assigneeId = member.Id });
        }

        await tenant.CreateContactAsync(new { name = "Contact nobody's" });
        var settings = await tenant.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = restricted }).ShouldBeOk();
        settings.GetProperty("restrictedVisibility").GetBoolean().ShouldBe(restricted);
        return team;
    }

    private static async Task<IReadOnlyList<string>> Titles(HttpClient client, string url, string property) =>
        (await client.GetAsync(url).ShouldBeOk()).Items().Select(i => i.Str(property)).Order(StringComparer.Ordinal).ToList();

    private static async Task<string> IdOf(CrmTestTenant tenant, string list, string q) => (await tenant.Client.GetAsync(tenant.Crm($"{list}?q={q}")).ShouldBeOk()).Ids().Single();

    [Fact]
    public async Task Under_restricted_visibility_an_employee_lists_only_their_own_records()
    {
        var team = await TeamAsync(restricted: true);
        var (tenant, me) = (team.Tenant, team.Mine.Client);

        (await Titles(me, tenant.Crm("contacts"), "name")).ShouldBe(["Contact mine"]);
        (await Titles(me, tenant.Crm("leads"), "title")).ShouldBe(["Lead mine"]);
        (await Titles(me, tenant.Crm("deals"), "title")).ShouldBe(["Deal mine"]);
        (await Titles(me, tenant.Crm("contacts?q=contact"), "name")).ShouldBe(["Contact mine"]);
        var board = await tenant.BoardAsync((await tenant.DefaultPipelineAsync("lead")).Str("id"), client: me);
        board.Stages()[0].GetProperty("count").GetInt32().ShouldBe(1);
        board.Stages()[0].GetProperty("cards").EnumerateArray().Single().Str("title").ShouldBe("Lead mine");
    }

    [Fact]
    public async Task Under_restricted_visibility_another_members_records_are_404_on_every_route()
    {
        var team = await TeamAsync(restricted: true);
        var (tenant, me) = (team.Tenant, team.Mine.Client);
        var contact = await IdOf(tenant, "contacts", "theirs");
        var unowned = await IdOf(tenant, "contacts", "nobody");
        var lead = await IdOf(tenant, "leads", "theirs");
        var deal = await IdOf(tenant, "deals", "theirs");
        var stage = (await tenant.DefaultPipelineAsync("lead")).Stages()[1].Str("id");
        var dealStage = (await tenant.DefaultPipelineAsync("deal")).Stages()[1].Str("id");
        var theirNote = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = deal, kind = "note", body = "Private" }).ShouldBe(HttpStatusCode.Created);

        await me.GetAsync(tenant.Crm($"contacts/{contact}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.GetAsync(tenant.Crm($"contacts/{unowned}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PatchJson(tenant.Crm($"contacts/{contact}"), new { jobTitle = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.GetAsync(tenant.Crm($"contacts/{contact}/timeline")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.GetAsync(tenant.Crm($"leads/{lead}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PatchJson(tenant.Crm($"leads/{lead}"), new { title = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PostJson(tenant.Crm($"leads/{lead}/move"), new { stageId = stage }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PostJson(tenant.Crm($"leads/{lead}/convert"), new { }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.GetAsync(tenant.Crm($"leads/{lead}/timeline")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.GetAsync(tenant.Crm($"deals/{deal}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PostJson(tenant.Crm($"deals/{deal}/move"), new { stageId = dealStage }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = deal, kind = "note", body = "Sneaky" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.PatchJson(tenant.Crm($"activities/{theirNote.Str("id")}"), new { body = "Edited" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await me.DeleteAsync(tenant.Crm($"activities/{theirNote.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await me.GetAsync(tenant.Crm($"activities?recordId={deal}")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await tenant.Client.GetAsync(tenant.Crm($"leads/{lead}")).ShouldBeOk()).Str("title").ShouldBe("Lead theirs");
    }

    [Fact]
    public async Task Under_restricted_visibility_what_an_employee_creates_is_theirs()
    {
        var team = await TeamAsync(restricted: true);
        var (tenant, me) = (team.Tenant, team.Mine);

        var contact = await tenant.CreateContactAsync(new { name = "Walk-in" }, me.Client);
        var lead = await tenant.CreateLeadAsync(new { title = "Phoned in" }, me.Client);
        var deal = await tenant.CreateDealAsync(new { title = "Quick sale" }, me.Client);

        contact.Str("ownerId").ShouldBe(me.Id);
        lead.Str("assigneeId").ShouldBe(me.Id);
        deal.Str("assigneeId").ShouldBe(me.Id);
        await me.Client.GetAsync(tenant.Crm($"contacts/{contact.Str("id")}")).ShouldBeOk();
        var note = await me.Client.PostJson(tenant.Crm("activities"), new { recordType = "lead", recordId = lead.Str("id"), kind = "task", subject = "Call back" }).ShouldBe(HttpStatusCode.Created);
        note.Str("assigneeId").ShouldBe(me.Id);
        (await me.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}/timeline")).ShouldBeOk()).Items().ShouldContain(e => e.Str("kind") == "activity");
    }

    [Fact]
    public async Task Under_restricted_visibility_an_employee_cannot_link_records_to_a_contact_they_cannot_see()
    {
        var team = await TeamAsync(restricted: true);
        var (tenant, me) = (team.Tenant, team.Mine.Client);
        var theirs = await IdOf(tenant, "contacts", "theirs");

        (await me.PostJson(tenant.Crm("leads"), new { title = "Linked", contactId = theirs }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["contactId"]);
        (await me.PostJson(tenant.Crm("deals"), new { title = "Linked", contactId = theirs }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["contactId"]);
        var lead = await tenant.CreateLeadAsync(new { title = "Mine to convert" }, me);
        (await me.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { contactId = theirs }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["contactId"]);
    }

    [Fact]
    public async Task Under_restricted_visibility_a_contact_matching_a_colleagues_client_is_a_409_that_names_nothing()
    {
        var team = await TeamAsync(restricted: true);
        var tenant = team.Tenant;
        var hidden = await tenant.CreateContactAsync(new { name = "Secret Client", emails = new[] { "secret@example.com" }, ownerId = team.Colleague.Id });

        var problem = await team.Mine.Client.PostJson(tenant.Crm("contacts"), new { name = "Someone", emails = new[] { "SECRET@example.com" } })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        problem.Str("type").ShouldEndWith("contact-assigned-elsewhere");
        problem.GetRawText().ShouldNotContain(hidden.Str("id"));
        problem.GetRawText().ShouldNotContain("Secret");
        (await tenant.Client.GetAsync(tenant.Crm($"contacts/{hidden.Str("id")}")).ShouldBeOk()).Str("name").ShouldBe("Secret Client", "nothing was merged into it");
        (await tenant.Client.GetAsync(tenant.Crm("contacts?q=someone")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task Under_restricted_visibility_a_lead_matched_to_a_hidden_contact_shows_none_of_its_details()
    {
        var team = await TeamAsync(restricted: true);
        var tenant = team.Tenant;
        var hidden = await tenant.CreateContactAsync(new
        {
            name = "Secret Client", companyName = "Secret Corp", emails = new[] { "secret@example.com" }, phones = new[] { "+4930555123" }, ownerId = team.Colleague.Id,
        });

        var lead = await tenant.CreateLeadAsync(new { phone = "+49 30 555123" }, team.Mine.Client);

        lead.GetProperty("contactName").ValueKind.ShouldBe(JsonValueKind.Null);
        lead.GetProperty("companyName").ValueKind.ShouldBe(JsonValueKind.Null);
        lead.GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
        lead.Str("title").ShouldNotContain("Secret");
        (await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeOk()).Str("contactId").ShouldBe(hidden.Str("id"));
    }

    [Fact]
    public async Task Under_restricted_visibility_a_manager_and_the_owner_see_everything()
    {
        var team = await TeamAsync(restricted: true);
        var tenant = team.Tenant;

        foreach (var client in new[] { team.Manager.Client, tenant.Client })
        {
            (await Titles(client, tenant.Crm("contacts"), "name")).ShouldBe(["Contact mine", "Contact nobody's", "Contact theirs"]);
            (await Titles(client, tenant.Crm("leads"), "title")).ShouldBe(["Lead mine", "Lead theirs"]);
            (await Titles(client, tenant.Crm("deals"), "title")).ShouldBe(["Deal mine", "Deal theirs"]);
        }

        await team.Manager.Client.GetAsync(tenant.Crm($"leads/{await IdOf(tenant, "leads", "theirs")}")).ShouldBeOk();
    }

    [Fact]
    public async Task Without_restricted_visibility_an_employee_sees_everything()
    {
        var team = await TeamAsync(restricted: false);
        var (tenant, me) = (team.Tenant, team.Mine.Client);

        (await Titles(me, tenant.Crm("contacts"), "name")).ShouldBe(["Contact mine", "Contact nobody's", "Contact theirs"]);
        (await Titles(me, tenant.Crm("leads"), "title")).ShouldBe(["Lead mine", "Lead theirs"]);
        await me.GetAsync(tenant.Crm($"deals/{await IdOf(tenant, "deals", "theirs")}")).ShouldBeOk();
        (await me.GetAsync(tenant.Crm("settings")).ShouldBeOk()).GetProperty("restrictedVisibility").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Only_members_with_crm_settings_change_visibility_and_employees_cannot_delete()
    {
        var team = await TeamAsync(restricted: false);
        var tenant = team.Tenant;
        var contact = await IdOf(tenant, "contacts", "mine");

        await team.Manager.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = true }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await team.Mine.Client.PutAsJsonAsync(tenant.Crm("settings"), new { restrictedVisibility = true }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await team.Mine.Client.DeleteAsync(tenant.Crm($"contacts/{contact}")).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await tenant.Client.GetAsync(tenant.Crm("settings")).ShouldBeOk()).GetProperty("restrictedVisibility").GetBoolean().ShouldBeFalse();
        await team.Manager.Client.DeleteAsync(tenant.Crm($"contacts/{contact}")).ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Assignees_and_owners_must_be_members_of_the_tenant()
    {
        var team = await TeamAsync(restricted: false);
        var outsider = await CrmTestTenant.CreateAsync(app);

        (await team.Tenant.Client.PostJson(team.Tenant.Crm("contacts"), new { name = "X", ownerId = outsider.Owner.Id }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["ownerId"]);
        (await team.Tenant.Client.PostJson(team.Tenant.Crm("leads"), new { title = "X", assigneeId = outsider.Owner.Id }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["assigneeId"]);
        (await team.Tenant.Client.PostJson(team.Tenant.Crm("deals"), new { title = "X", assigneeId = outsider.Owner.Id }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["assigneeId"]);
    }
}

public sealed class VisibilityTestsOnSqlite(SqliteFactory app) : VisibilityTests<SqliteFactory>(app);

public sealed class VisibilityTestsOnPostgres(PostgresFactory app) : VisibilityTests<PostgresFactory>(app);
