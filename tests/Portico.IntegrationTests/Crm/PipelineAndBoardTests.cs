using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class PipelineAndBoardTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static IReadOnlyList<string> StageNames(JsonElement pipeline) => pipeline.Stages().Select(s => s.Str("name")).ToList();

    [Fact]
    public async Task A_russian_studio_starts_with_russian_pipelines()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "studio", locale: "ru");

        var leads = await tenant.DefaultPipelineAsync("lead");
        var deals = await tenant.DefaultPipelineAsync("deal");

        leads.Str("name").ShouldBe("Заявки");
        leads.Str("recordType").ShouldBe("lead");
        StageNames(leads).ShouldBe(["Новая заявка", "Связались", "Записан на консультацию", "Стал клиентом", "Не заинтересован"]);
        leads.Stages().Select(s => s.Str("kind")).ShouldBe(["open", "open", "open", "won", "lost"]);
        leads.Stages().Select(s => s.GetProperty("position").GetInt32()).ShouldBe([0, 1, 2, 3, 4]);
        deals.Str("name").ShouldBe("Услуги");
        StageNames(deals)[0].ShouldBe("Консультация");
        (await tenant.CreateLeadAsync(new { contactName = "Анна" })).Str("title").ShouldBe("Лид: Анна");
    }

    [Fact]
    public async Task An_english_workshop_starts_with_english_pipelines_created_once()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "workshop", locale: "en");

        var all = await tenant.Client.GetAsync(tenant.Crm("pipelines")).ShouldBeOk();
        await tenant.Client.GetAsync(tenant.Crm("pipelines")).ShouldBeOk();

        all.Items().Select(p => (p.Str("recordType"), p.Str("name"))).ShouldBe([("deal", "Repairs"), ("lead", "Repair requests")]);
        StageNames(all.Items()[1]).ShouldBe(["New request", "Diagnosis scheduled", "Estimate sent", "Approved", "Declined"]);
        StageNames(all.Items()[0]).ShouldBe(["Estimate", "Approved", "In repair", "Handed over", "Refused"]);
        (await tenant.Client.GetAsync(tenant.Crm("pipelines")).ShouldBeOk()).Items().Count.ShouldBe(2);
        await tenant.Client.GetAsync(tenant.Crm("pipelines?recordType=contact")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_new_pipeline_is_created_with_its_stages_and_can_become_the_default()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var original = await tenant.DefaultPipelineAsync("deal");

        var response = await tenant.Client.PostJson(tenant.Crm("pipelines"), new
        {
            name = "Wholesale",
            recordType = "deal",
            stages = new object[]
            {
                new { name = "Offer", kind = "open", color = "#4F46E5" },
                new { name = "Signed", kind = "won" },
                new { name = "Gone", kind = "lost" },
            },
        });

        var created = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/pipelines/{created.Str("id")}");
        created.GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        StageNames(created).ShouldBe(["Offer", "Signed", "Gone"]);
        created.Stages()[0].Str("color").ShouldBe("#4F46E5");
        (await tenant.CreateDealAsync(new { title = "Goes to the old default" })).Str("pipelineId").ShouldBe(original.Str("id"));

        await tenant.Client.PatchJson(tenant.Crm($"pipelines/{created.Str("id")}"), new { isDefault = true }).ShouldBeOk();

        (await tenant.DefaultPipelineAsync("deal")).Str("id").ShouldBe(created.Str("id"));
        var deal = await tenant.CreateDealAsync(new { title = "Goes to the new default" });
        deal.Str("stageId").ShouldBe(created.Stages()[0].Str("id"));
    }

    [Fact]
    public async Task Invalid_pipelines_are_a_422_naming_every_field()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);

        var problem = await tenant.Client.PostJson(tenant.Crm("pipelines"), new
        {
            name = "",
            recordType = "contact",
            stages = new object[] { new { name = "", kind = "maybe", color = "red" } },
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["name", "recordType", "stages[0].name", "stages[0].kind", "stages[0].color"], ignoreOrder: true);
        (await tenant.Client.PostJson(tenant.Crm("pipelines"), new { name = "No stages", recordType = "lead" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["stages"]);
    }

    [Fact]
    public async Task Stages_are_renamed_reordered_added_and_removed_by_one_patch()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.Client.PostJson(tenant.Crm("pipelines"), new
        {
            name = "Flow",
            recordType = "lead",
            stages = new object[] { new { name = "One" }, new { name = "Two" }, new { name = "Three", kind = "won" } },
        }).ShouldBe(HttpStatusCode.Created);
        var (one, two, three) = (pipeline.Stages()[0].Str("id"), pipeline.Stages()[1].Str("id"), pipeline.Stages()[2].Str("id"));

        var updated = await tenant.Client.PatchJson(tenant.Crm($"pipelines/{pipeline.Str("id")}"), new
        {
            name = "Renamed flow",
            stages = new object[]
            {
                new { id = two, name = "Second, now first", kind = "open" },
                new { name = "Brand new", kind = "open", color = "#00FF00" },
                new { id = three, name = "Done", kind = "won" },
            },
        }).ShouldBeOk();

        updated.Str("name").ShouldBe("Renamed flow");
        StageNames(updated).ShouldBe(["Second, now first", "Brand new", "Done"]);
        updated.Stages()[0].Str("id").ShouldBe(two);
        updated.Stages()[2].Str("id").ShouldBe(three);
        updated.Stages().Select(s => s.Str("id")).ShouldNotContain(one);
        updated.Stages().Select(s => s.GetProperty("position").GetInt32()).ShouldBe([0, 1, 2]);
        var listed = (await tenant.Client.GetAsync(tenant.Crm("pipelines?recordType=lead")).ShouldBeOk()).Items().Single(p => p.Str("id") == pipeline.Str("id"));
        StageNames(listed).ShouldBe(["Second, now first", "Brand new", "Done"]);
    }

    [Fact]
    public async Task A_stage_that_holds_records_cannot_be_removed_and_a_pipeline_with_records_cannot_be_deleted()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.Client.PostJson(tenant.Crm("pipelines"), new
        {
            name = "Busy",
            recordType = "deal",
            stages = new object[] { new { name = "Open" }, new { name = "Won", kind = "won" } },
        }).ShouldBe(HttpStatusCode.Created);
        var (open, won) = (pipeline.Stages()[0].Str("id"), pipeline.Stages()[1].Str("id"));
        var deal = await tenant.CreateDealAsync(new { title = "Occupant", stageId = open });

        var stage = await tenant.Client.PatchJson(tenant.Crm($"pipelines/{pipeline.Str("id")}"), new { stages = new object[] { new { id = won, name = "Won", kind = "won" } } })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        stage.Str("type").ShouldEndWith("stage-not-empty");
        (await tenant.Client.DeleteAsync(tenant.Crm($"pipelines/{pipeline.Str("id")}")).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("pipeline-not-empty");
        StageNames((await tenant.Client.GetAsync(tenant.Crm("pipelines?recordType=deal")).ShouldBeOk()).Items().Single(p => p.Str("id") == pipeline.Str("id"))).ShouldBe(["Open", "Won"]);

        await tenant.Client.DeleteAsync(tenant.Crm($"deals/{deal.Str("id")}")).ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.DeleteAsync(tenant.Crm($"pipelines/{pipeline.Str("id")}")).ShouldBe(HttpStatusCode.NoContent);
        (await tenant.Client.GetAsync(tenant.Crm("pipelines?recordType=deal")).ShouldBeOk()).Ids().ShouldNotContain(pipeline.Str("id"));
    }

    [Fact]
    public async Task A_stage_of_another_pipeline_is_refused_in_a_pipeline_patch()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var leads = await tenant.DefaultPipelineAsync("lead");
        var deals = await tenant.DefaultPipelineAsync("deal");

        var problem = await tenant.Client.PatchJson(tenant.Crm($"pipelines/{leads.Str("id")}"), new
        {
            stages = new object[] { new { id = deals.Stages()[0].Str("id"), name = "Stolen", kind = "open" } },
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["stages"]);
        StageNames(await tenant.DefaultPipelineAsync("deal")).ShouldBe(StageNames(deals));
    }

    [Fact]
    public async Task The_board_shows_each_stage_with_its_count_sums_and_first_cards()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.DefaultPipelineAsync("deal");
        var stages = pipeline.Stages();
        await tenant.CreateDealAsync(new { title = "A", amount = new { amount = "100.00", currency = "EUR" } });
        await tenant.CreateDealAsync(new { title = "B", amount = new { amount = "50.25", currency = "EUR" } });
        await tenant.CreateDealAsync(new { title = "C", amount = new { amount = "10.00", currency = "USD" } });
        await tenant.CreateDealAsync(new { title = "D" });
        await tenant.CreateDealAsync(new { title = "E", stageId = stages[1].Str("id"), amount = new { amount = "7.00", currency = "EUR" } });

        var board = await tenant.BoardAsync(pipeline.Str("id"));

        board.Str("id").ShouldBe(pipeline.Str("id"));
        board.Str("name").ShouldBe(pipeline.Str("name"));
        board.Str("recordType").ShouldBe("deal");
        board.Stages().Select(s => s.Str("id")).ShouldBe(stages.Select(s => s.Str("id")));
        var first = board.Stages()[0];
        first.GetProperty("count").GetInt32().ShouldBe(4);
        first.GetProperty("sums").EnumerateArray().Select(m => (m.Str("amount"), m.Str("currency"))).ShouldBe([("150.25", "EUR"), ("10.00", "USD")]);
        first.GetProperty("cards").EnumerateArray().Select(c => c.Str("title")).ShouldBe(["A", "B", "C", "D"]);
        board.Stages()[1].GetProperty("count").GetInt32().ShouldBe(1);
        board.Stages()[1].GetProperty("sums").EnumerateArray().Single().Str("amount").ShouldBe("7.00");
        board.Stages()[2].GetProperty("count").GetInt32().ShouldBe(0);
        board.Stages()[2].GetProperty("cards").GetArrayLength().ShouldBe(0);
        board.Stages()[2].GetProperty("sums").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_long_column_pages_on_through_the_list_in_rank_order()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.DefaultPipelineAsync("lead");
        var stageId = pipeline.Stages()[0].Str("id");
        foreach (var title in new[] { "L1", "L2", "L3", "L4", "L5" })
        {
            await tenant.CreateLeadAsync(new { title });
        }

        var board = await tenant.BoardAsync(pipeline.Str("id"), "?limit=2");

        var column = board.Stages()[0];
        column.GetProperty("count").GetInt32().ShouldBe(5);
        column.GetProperty("cards").EnumerateArray().Select(c => c.Str("title")).ShouldBe(["L1", "L2"]);
        var cursor = column.NextCursor()!;
        var rest = new List<string>();
        while (cursor is not null)
        {
            var page = await tenant.Client.GetAsync(tenant.Crm($"leads?stageId={stageId}&sort=rank&limit=2&cursor={Uri.EscapeDataString(cursor)}")).ShouldBeOk();
            rest.AddRange(page.Items().Select(l => l.Str("title")));
            cursor = page.NextCursor();
        }

        rest.ShouldBe(["L3", "L4", "L5"]);
    }

    [Fact]
    public async Task The_board_applies_search_and_filters_to_counts_and_cards()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var manager = await tenant.AddMemberAsync("Manager");
        var pipeline = await tenant.DefaultPipelineAsync("lead");
        await tenant.CreateLeadAsync(new { title = "Roof leak", assigneeId = manager.Id, value = new { amount = "10.00" } });
        await tenant.CreateLeadAsync(new { title = "Roof tiles", value = new { amount = "20.00" } });
        await tenant.CreateLeadAsync(new { title = "Garden fence", assigneeId = manager.Id });

        var roofs = await tenant.BoardAsync(pipeline.Str("id"), "?q=roof");
        var mine = await tenant.BoardAsync(pipeline.Str("id"), $"?assigneeId={manager.Id}");

        roofs.Stages()[0].GetProperty("count").GetInt32().ShouldBe(2);
        roofs.Stages()[0].GetProperty("sums").EnumerateArray().Single().Str("amount").ShouldBe("30.00");
        mine.Stages()[0].GetProperty("cards").EnumerateArray().Select(c => c.Str("title")).ShouldBe(["Roof leak", "Garden fence"]);
        await tenant.Client.GetAsync(tenant.Crm($"pipelines/{pipeline.Str("id")}/board?bogus=1")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_deal_moved_to_won_or_lost_is_closed_with_its_reason_and_reopened_when_moved_back()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var stages = (await tenant.DefaultPipelineAsync("deal")).Stages();
        var won = stages.First(s => s.Str("kind") == "won").Str("id");
        var lost = stages.First(s => s.Str("kind") == "lost").Str("id");
        var deal = await tenant.CreateDealAsync(new { title = "Contract", amount = new { amount = "1000.00" } });
        deal.Str("status").ShouldBe("open");
        using var stream = await SseClient.OpenAsync(tenant.Client, $"/api/v1/tenants/{tenant.Slug}/events/stream");

        var closed = await tenant.Client.PostJson(tenant.Crm($"deals/{deal.Str("id")}/move"), new { stageId = lost, reason = "Too expensive" }).ShouldBeOk();

        closed.Str("status").ShouldBe("lost");
        closed.Str("closeReason").ShouldBe("Too expensive");
        closed.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var received = await stream.NextAsync("deal-stage-changed");
        received.Data.ShouldContain("Too expensive");

        var wonDeal = await tenant.Client.PostJson(tenant.Crm($"deals/{deal.Str("id")}/move"), new { stageId = won }).ShouldBeOk();
        wonDeal.Str("status").ShouldBe("won");

        var reopened = await tenant.Client.PostJson(tenant.Crm($"deals/{deal.Str("id")}/move"), new { stageId = stages[0].Str("id") }).ShouldBeOk();
        reopened.Str("status").ShouldBe("open");
        reopened.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        reopened.GetProperty("closeReason").ValueKind.ShouldBe(JsonValueKind.Null);
        var filtered = await tenant.Client.GetAsync(tenant.Crm("deals?status=open")).ShouldBeOk();
        filtered.Ids().ShouldBe([deal.Str("id")]);
    }

    [Fact]
    public async Task A_deal_can_move_to_a_stage_of_another_deal_pipeline()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var other = await tenant.Client.PostJson(tenant.Crm("pipelines"), new { name = "Other", recordType = "deal", stages = new object[] { new { name = "Elsewhere" } } })
            .ShouldBe(HttpStatusCode.Created);
        var deal = await tenant.CreateDealAsync(new { title = "Traveller" });

        var moved = await tenant.Client.PostJson(tenant.Crm($"deals/{deal.Str("id")}/move"), new { stageId = other.Stages()[0].Str("id") }).ShouldBeOk();

        moved.Str("pipelineId").ShouldBe(other.Str("id"));
        var board = await tenant.BoardAsync(other.Str("id"));
        board.Stages()[0].GetProperty("cards").EnumerateArray().Single().Str("id").ShouldBe(deal.Str("id"));
    }

    [Fact]
    public async Task Only_members_with_crm_settings_change_pipelines()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var manager = await tenant.AddMemberAsync("Manager");
        var pipeline = await tenant.DefaultPipelineAsync("lead");

        await manager.Client.GetAsync(tenant.Crm("pipelines")).ShouldBeOk();
        await manager.Client.PostJson(tenant.Crm("pipelines"), new { name = "Mine", recordType = "lead", stages = new object[] { new { name = "X" } } })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await manager.Client.PatchJson(tenant.Crm($"pipelines/{pipeline.Str("id")}"), new { name = "Hijacked" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await manager.Client.DeleteAsync(tenant.Crm($"pipelines/{pipeline.Str("id")}")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class PipelineAndBoardTestsOnSqlite(SqliteFactory app) : PipelineAndBoardTests<SqliteFactory>(app);

public sealed class PipelineAndBoardTestsOnPostgres(PostgresFactory app) : PipelineAndBoardTests<PostgresFactory>(app);
