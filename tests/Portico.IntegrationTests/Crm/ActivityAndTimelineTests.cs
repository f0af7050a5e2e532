using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class ActivityAndTimelineTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Activities_are_logged_on_a_record_and_listed_by_filter_newest_first()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var employee = await tenant.AddMemberAsync("Employee");
        var contact = await tenant.CreateContactAsync(new { name = "Talkative" });
        var other = await tenant.CreateContactAsync(new { name = "Quiet" });
        var url = tenant.Crm("activities");

        var response = await tenant.Client.PostJson(url, new { recordType = "contact", recordId = contact.Str("id"), kind = "note", body = "Likes blue" });
        var note = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/activities/{note.Str("id")}");
        var call = await tenant.Client.PostJson(url, new { recordType = "contact", recordId = contact.Str("id"), kind = "call", subject = "Intro call", done = true }).ShouldBe(HttpStatusCode.Created);
        var task = await tenant.Client.PostJson(url, new
        {
            recordType = "contact", recordId = contact.Str("id"), kind = "task", subject = "Send quote", dueAt = "2030-01-15T09:00:00Z", assigneeId = employee.Id,
        }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson(url, new { recordType = "contact", recordId = other.Str("id"), kind = "task", subject = "Mine by default" }).ShouldBe(HttpStatusCode.Created);

        note.Str("author").ShouldStartWith("user:");
        call.GetProperty("done").GetBoolean().ShouldBeTrue();
        call.GetProperty("doneAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await tenant.Client.GetAsync($"{url}?recordId={contact.Str("id")}").ShouldBeOk()).Ids().ShouldBe([task.Str("id"), call.Str("id"), note.Str("id")]);
        (await tenant.Client.GetAsync($"{url}?recordId={contact.Str("id")}&kind=call").ShouldBeOk()).Ids().ShouldBe([call.Str("id")]);
        (await tenant.Client.GetAsync($"{url}?recordId={contact.Str("id")}&done=false").ShouldBeOk()).Ids().ShouldBe([task.Str("id"), note.Str("id")]);
        (await tenant.Client.GetAsync($"{url}?assigneeId={employee.Id}").ShouldBeOk()).Ids().ShouldBe([task.Str("id")]);
        (await tenant.Client.GetAsync($"{url}?kind=task&assigneeId={tenant.Owner.Id}").ShouldBeOk()).Items().Single().Str("subject").ShouldBe("Mine by default");
    }

    [Fact]
    public async Task A_task_is_ticked_done_and_back_and_an_activity_is_deleted()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var deal = await tenant.CreateDealAsync(new { title = "Follow-ups" });
        var task = await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = deal.Str("id"), kind = "task", subject = "Call back" })
            .ShouldBe(HttpStatusCode.Created);
        var url = tenant.Crm($"activities/{task.Str("id")}");

        var done = await tenant.Client.PatchJson(url, new { done = true }, "\"1\"").ShouldBeOk();
        done.GetProperty("doneAt").ValueKind.ShouldBe(JsonValueKind.String);
        done.Str("subject").ShouldBe("Call back");
        var undone = await tenant.Client.PatchJson(url, new { done = false, subject = "Call back on Monday" }).ShouldBeOk();
        undone.GetProperty("doneAt").ValueKind.ShouldBe(JsonValueKind.Null);
        undone.Str("subject").ShouldBe("Call back on Monday");
        await tenant.Client.PatchJson(url, new { done = true }, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        await tenant.Client.DeleteAsync(url).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.DeleteAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync(tenant.Crm($"activities?recordId={deal.Str("id")}")).ShouldBeOk()).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task Invalid_activities_are_a_422_and_a_missing_record_a_404()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Noted" });

        var problem = await tenant.Client.PostJson(tenant.Crm("activities"), new { kind = "telepathy", subject = new string('s', 301), assigneeId = Guid.NewGuid() })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["recordType", "recordId", "kind", "subject", "assigneeId"], ignoreOrder: true);
        (await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "lead", recordId = lead.Str("id"), kind = "note" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["body"]);
        (await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "planet", recordId = lead.Str("id"), kind = "call" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["recordType"]);
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = lead.Str("id"), kind = "call" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "object:nosuch", recordId = lead.Str("id"), kind = "call" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PatchJson(tenant.Crm($"activities/{Guid.NewGuid()}"), new { body = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_timeline_merges_activities_stage_moves_and_changes_newest_first_and_pages_each_entry_once()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var stages = (await tenant.DefaultPipelineAsync("deal")).Stages();
        var deal = await tenant.CreateDealAsync(new { title = "Eventful" });
        var url = tenant.Crm($"deals/{deal.Str("id")}");
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = deal.Str("id"), kind = "note", body = "First note" }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{url}/move", new { stageId = stages[1].Str("id") }).ShouldBeOk();
        await tenant.Client.PatchJson(url, new { title = "Eventful deal" }).ShouldBeOk();
        await tenant.Client.PostJson(tenant.Crm("activities"), new { recordType = "deal", recordId = deal.Str("id"), kind = "meeting", subject = "Kick-off" }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{url}/move", new { stageId = stages[2].Str("id") }).ShouldBeOk();

        var whole = await tenant.Client.GetAsync($"{url}/timeline").ShouldBeOk();
        var paged = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetAsync($"{url}/timeline?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))).ShouldBeOk();
            page.Items().Count.ShouldBeLessThanOrEqualTo(2);
            paged.AddRange(page.Items());
            cursor = page.NextCursor();
        }
        while (cursor is not null);

        var entries = whole.Items();
        entries.Select(e => e.Str("id")).ShouldBe(paged.Select(e => e.Str("id")));
        entries.Select(e => e.Str("id")).ShouldBe(entries.Select(e => e.Str("id")).OrderDescending(StringComparer.Ordinal), "UUIDv7 ids: newest first");
        entries[0].Str("kind").ShouldBe("stage_move", "a move is one entry, not also a stageId change");
        entries[0].GetProperty("stageMove").Str("toStageId").ShouldBe(stages[2].Str("id"));
        entries.Where(e => e.Str("kind") == "change" && e.GetProperty("changes").ValueKind == JsonValueKind.Object)
            .ShouldAllBe(e => !e.GetProperty("changes").EnumerateObject().Any(p => p.Name == "stageId"));
        entries.Where(e => e.Str("kind") == "activity").Select(e => e.GetProperty("activity").Str("kind")).ShouldBe(["meeting", "note"]);
        entries.Count(e => e.Str("kind") == "stage_move").ShouldBe(2);
        var rename = entries.First(e => e.Str("kind") == "change" && e.GetProperty("changes").ValueKind == JsonValueKind.Object && e.GetProperty("changes").TryGetProperty("title", out _));
        rename.GetProperty("changes").GetProperty("title").Str("new").ShouldBe("Eventful deal");
        entries[^1].Str("kind").ShouldBe("change");
    }

    [Fact]
    public async Task A_timeline_of_a_missing_record_is_a_404()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        await tenant.Client.GetAsync(tenant.Crm($"contacts/{Guid.NewGuid()}/timeline")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm($"leads/{Guid.NewGuid()}/timeline")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync(tenant.Crm($"deals/{Guid.NewGuid()}/timeline?cursor=garbage")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

public sealed class ActivityAndTimelineTestsOnSqlite(SqliteFactory app) : ActivityAndTimelineTests<SqliteFactory>(app);

public sealed class ActivityAndTimelineTestsOnPostgres(PostgresFactory app) : ActivityAndTimelineTests<PostgresFactory>(app);
