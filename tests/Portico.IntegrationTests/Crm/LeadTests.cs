using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

public abstract class LeadTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_new_lead_goes_to_the_first_stage_of_the_default_lead_pipeline()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "studio");
        var pipeline = await tenant.DefaultPipelineAsync("lead");

        var response = await tenant.Client.PostJson(tenant.Crm("leads"), new { contactName = "Anna", email = "Anna@Example.com", value = new { amount = "150.5" } });

        var lead = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{tenant.Slug}/crm/leads/{lead.Str("id")}");
        lead.Str("title").ShouldBe("Lead: Anna");
        lead.Str("email").ShouldBe("anna@example.com");
        lead.Str("source").ShouldBe("manual");
        lead.Str("pipelineId").ShouldBe(pipeline.Str("id"));
        lead.Str("stageId").ShouldBe(pipeline.Stages()[0].Str("id"));
        pipeline.Stages()[0].Str("name").ShouldBe("New inquiry");
        lead.GetProperty("value").Str("amount").ShouldBe("150.50");
        lead.GetProperty("value").Str("currency").ShouldBe("EUR");
        lead.GetProperty("contactId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Invalid_lead_fields_are_a_422_naming_every_field()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");

        var problem = await tenant.Client.PostJson(tenant.Crm("leads"), new
        {
            email = "nope",
            phone = "12",
            source = "pigeon",
            priority = "whenever",
            value = new { amount = "1.234", currency = "EUR" },
            assigneeId = Guid.NewGuid(),
            contactId = Guid.NewGuid(),
            formData = new[] { 1 },
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["email", "phone", "source", "priority", "value.amount", "assigneeId", "contactId", "formData"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_lead_that_names_nobody_is_a_422_and_any_one_way_to_reach_or_recognize_the_person_is_enough()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "DE");

        foreach (var nobody in new object[] { new { }, new { contactName = "   " }, new { priority = "high", value = new { amount = "10.00" } } })
        {
            var problem = await tenant.Client.PostJson(tenant.Crm("leads"), nobody).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.ErrorFields().ShouldBe(["contactName"]);
            problem.GetProperty("errors").GetProperty("contactName")[0].GetString()!.ShouldContain("reach or recognize");
        }

        (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeOk()).Items().ShouldBeEmpty();
        var contact = await tenant.CreateContactAsync(new { name = "Known" });
        foreach (var somebody in new object[]
        {
            new { contactName = "Anna" }, new { email = "anna@example.com" }, new { phone = "030 1234567" }, new { companyName = "Bakery" },
            new { title = "Roof repair for the bakery on Elm Street" }, new { contactId = contact.Str("id") },
        })
        {
            (await tenant.CreateLeadAsync(somebody)).Str("title").ShouldNotStartWith("New lead");
        }
    }

    [Fact]
    public async Task A_lead_with_the_phone_of_a_known_contact_is_linked_to_that_contact()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var contact = await tenant.CreateContactAsync(new { name = "Пётр Иванов", phones = new[] { "+7 (999) 111-22-33" }, companyName = "Иванов и сыновья" });

        var lead = await tenant.CreateLeadAsync(new { title = "Repeat order", phone = "8 999 111 22 33" });

        lead.Str("contactId").ShouldBe(contact.Str("id"));
        lead.Str("contactName").ShouldBe("Пётр Иванов");
        lead.Str("phone").ShouldBe("+79991112233");
        lead.Str("companyName").ShouldBe("Иванов и сыновья");
        var contacts = await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk();
        contacts.Ids().ShouldBe([contact.Str("id")]);
    }

    [Fact]
    public async Task Converting_a_lead_makes_its_contact_and_deal_and_a_second_convert_is_a_409()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, country: "RU");
        var lead = await tenant.CreateLeadAsync(new { title = "Kitchen remodel", contactName = "Olga", email = "olga@example.com", phone = "+79995554433", value = new { amount = "2500.00", currency = "EUR" } });
        var leadPipeline = await tenant.DefaultPipelineAsync("lead");
        var dealPipeline = await tenant.DefaultPipelineAsync("deal");

        var result = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { }).ShouldBeOk();

        var contact = result.GetProperty("contact");
        var deal = result.GetProperty("deal");
        var converted = result.GetProperty("lead");
        contact.Str("name").ShouldBe("Olga");
        contact.GetProperty("emails")[0].GetString().ShouldBe("olga@example.com");
        contact.GetProperty("phones")[0].GetString().ShouldBe("+79995554433");
        deal.Str("title").ShouldBe("Kitchen remodel");
        deal.Str("contactId").ShouldBe(contact.Str("id"));
        deal.Str("leadId").ShouldBe(lead.Str("id"));
        deal.Str("pipelineId").ShouldBe(dealPipeline.Str("id"));
        deal.GetProperty("amount").Str("amount").ShouldBe("2500.00");
        converted.Str("contactId").ShouldBe(contact.Str("id"));
        converted.Str("dealId").ShouldBe(deal.Str("id"));
        converted.GetProperty("convertedAt").ValueKind.ShouldBe(JsonValueKind.String);
        converted.Str("stageId").ShouldBe(leadPipeline.Stages().First(s => s.Str("kind") == "won").Str("id"));

        var again = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { }).ShouldBeProblem(HttpStatusCode.Conflict);
        again.Str("type").ShouldEndWith("lead-converted");
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().Count.ShouldBe(1);
        (await tenant.Client.GetAsync(tenant.Crm("deals")).ShouldBeOk()).Items().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Two_simultaneous_converts_make_one_deal()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Popular", contactName = "Raced", email = "raced@example.com" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { })));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.PreconditionFailed);
        (await tenant.Client.GetAsync(tenant.Crm("deals")).ShouldBeOk()).Items().Count.ShouldBe(1);
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Converting_into_an_existing_contact_links_it_and_takes_the_deal_details_given()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var contact = await tenant.CreateContactAsync(new { name = "Existing client" });
        var lead = await tenant.CreateLeadAsync(new { title = "Upsell", email = "someone-else@example.com" });

        var result = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new
        {
            contactId = contact.Str("id"),
            deal = new { title = "Upsell: premium plan", amount = new { amount = "99.90", currency = "USD" } },
        }).ShouldBeOk();

        result.GetProperty("contact").Str("id").ShouldBe(contact.Str("id"));
        result.GetProperty("deal").Str("title").ShouldBe("Upsell: premium plan");
        result.GetProperty("deal").GetProperty("amount").Str("currency").ShouldBe("USD");
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_convert_that_fails_validation_leaves_nothing_behind()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Fragile", contactName = "Nobody yet", email = "fragile@example.com" });

        var problem = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { deal = new { amount = new { amount = "lots" } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldContain("amount.amount");
        (await tenant.Client.GetAsync(tenant.Crm("contacts")).ShouldBeOk()).Items().ShouldBeEmpty();
        (await tenant.Client.GetAsync(tenant.Crm("deals")).ShouldBeOk()).Items().ShouldBeEmpty();
        var unchanged = await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeOk();
        unchanged.GetProperty("convertedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        unchanged.Str("stageId").ShouldBe(lead.Str("stageId"));
        await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/convert"), new { }).ShouldBeOk();
    }

    [Fact]
    public async Task Moving_the_third_card_to_position_0_puts_it_first_on_the_board()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.DefaultPipelineAsync("lead");
        var stageId = pipeline.Stages()[0].Str("id");
        var first = await tenant.CreateLeadAsync(new { title = "First" });
        var second = await tenant.CreateLeadAsync(new { title = "Second" });
        var third = await tenant.CreateLeadAsync(new { title = "Third" });
        (await ColumnTitles(tenant, pipeline.Str("id"), stageId)).ShouldBe(["First", "Second", "Third"]);

        await tenant.Client.PostJson(tenant.Crm($"leads/{third.Str("id")}/move"), new { stageId, position = 0 }).ShouldBeOk();
        (await ColumnTitles(tenant, pipeline.Str("id"), stageId)).ShouldBe(["Third", "First", "Second"]);

        await tenant.Client.PostJson(tenant.Crm($"leads/{first.Str("id")}/move"), new { stageId, position = 2 }).ShouldBeOk();
        (await ColumnTitles(tenant, pipeline.Str("id"), stageId)).ShouldBe(["Third", "Second", "First"]);

        await tenant.Client.PostJson(tenant.Crm($"leads/{first.Str("id")}/move"), new { stageId, position = 1 }).ShouldBeOk();
        (await ColumnTitles(tenant, pipeline.Str("id"), stageId)).ShouldBe(["Third", "First", "Second"]);

        var byRank = await tenant.Client.GetAsync(tenant.Crm($"leads?stageId={stageId}&sort=rank")).ShouldBeOk();
        byRank.Items().Select(l => l.Str("title")).ShouldBe(["Third", "First", "Second"]);
        second.Str("stageId").ShouldBe(stageId);
    }

    [Fact]
    public async Task Many_moves_between_two_cards_keep_the_order_exact()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var pipeline = await tenant.DefaultPipelineAsync("lead");
        var stageId = pipeline.Stages()[0].Str("id");
        var a = await tenant.CreateLeadAsync(new { title = "A" });
        var b = await tenant.CreateLeadAsync(new { title = "B" });
        await tenant.CreateLeadAsync(new { title = "C" });

        // Alternately drop A and B between the first and the second card: the gap halves each time until the column is renumbered.
        var expected = new List<string> { "A", "B", "C" };
        for (var i = 0; i < 40; i++)
        {
            var (moving, title) = i % 2 == 0 ? (a, "A") : (b, "B");
            await tenant.Client.PostJson(tenant.Crm($"leads/{moving.Str("id")}/move"), new { stageId, position = 1 }).ShouldBeOk();
            expected.Remove(title);
            expected.Insert(1, title);
        }

        (await ColumnTitles(tenant, pipeline.Str("id"), stageId)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_stage_change_is_on_the_timeline_and_raises_lead_stage_changed()
    {
        var tenant = await CrmTestTenant.CreateAsync(app, vertical: "studio");
        var stages = (await tenant.DefaultPipelineAsync("lead")).Stages();
        var lead = await tenant.CreateLeadAsync(new { title = "Tattoo sleeve" });
        using var stream = await SseClient.OpenAsync(tenant.Client, $"/api/v1/tenants/{tenant.Slug}/events/stream");

        var moved = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/move"), new { stageId = stages[1].Str("id") }).ShouldBeOk();

        moved.Str("stageId").ShouldBe(stages[1].Str("id"));
        var timeline = await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}/timeline")).ShouldBeOk();
        var move = timeline.Items().First(e => e.Str("kind") == "stage_move");
        move.GetProperty("stageMove").Str("fromStageId").ShouldBe(stages[0].Str("id"));
        move.GetProperty("stageMove").Str("fromStageName").ShouldBe("New inquiry");
        move.GetProperty("stageMove").Str("toStageId").ShouldBe(stages[1].Str("id"));
        move.GetProperty("stageMove").Str("toStageName").ShouldBe("Contacted");
        move.Str("actor").ShouldStartWith("user:");

        var received = JsonDocument.Parse((await stream.NextAsync("lead-stage-changed")).Data).RootElement;
        received.Str("type").ShouldBe("lead.stage-changed");
        received.GetProperty("data").Str("leadId").ShouldBe(lead.Str("id"));
        received.GetProperty("data").Str("toStageName").ShouldBe("Contacted");
    }

    [Fact]
    public async Task A_move_within_the_same_stage_is_not_a_stage_change()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var stageId = (await tenant.DefaultPipelineAsync("lead")).Stages()[0].Str("id");
        var lead = await tenant.CreateLeadAsync(new { title = "Stays" });
        await tenant.CreateLeadAsync(new { title = "Other" });

        await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/move"), new { stageId, position = 1 }).ShouldBeOk();

        var timeline = await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}/timeline")).ShouldBeOk();
        timeline.Items().ShouldNotContain(e => e.Str("kind") == "stage_move");
    }

    [Fact]
    public async Task A_lead_cannot_move_to_a_deal_stage_nor_change_stage_by_patch()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var dealStage = (await tenant.DefaultPipelineAsync("deal")).Stages()[1].Str("id");
        var lead = await tenant.CreateLeadAsync(new { title = "Misplaced" });

        var move = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/move"), new { stageId = dealStage }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        move.ErrorFields().ShouldBe(["stageId"]);
        var patch = await tenant.Client.PatchJson(tenant.Crm($"leads/{lead.Str("id")}"), new { stageId = dealStage }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        patch.ErrorFields().ShouldBe(["stageId"]);
        var missing = await tenant.Client.PostJson(tenant.Crm($"leads/{lead.Str("id")}/move"), new { position = -1 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        missing.ErrorFields().ShouldBe(["stageId", "position"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_update_changes_fields_and_is_on_the_timeline_as_a_change()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Before" });

        var updated = await tenant.Client.PatchJson(tenant.Crm($"leads/{lead.Str("id")}"), new { title = "After", priority = "high" }, "\"1\"").ShouldBeOk();

        updated.Str("title").ShouldBe("After");
        updated.Str("priority").ShouldBe("high");
        var timeline = await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}/timeline")).ShouldBeOk();
        var change = timeline.Items().First(e => e.Str("kind") == "change" && e.TryGetProperty("changes", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("title", out _));
        change.GetProperty("changes").GetProperty("title").Str("old").ShouldBe("Before");
        change.GetProperty("changes").GetProperty("title").Str("new").ShouldBe("After");
        await tenant.Client.PatchJson(tenant.Crm($"leads/{lead.Str("id")}"), new { title = "Stale" }, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_deleted_lead_is_gone()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Temporary" });

        await tenant.Client.DeleteAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBe(HttpStatusCode.NoContent);

        await tenant.Client.GetAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.DeleteAsync(tenant.Crm($"leads/{lead.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private static async Task<IReadOnlyList<string>> ColumnTitles(CrmTestTenant tenant, string pipelineId, string stageId)
    {
        var board = await tenant.BoardAsync(pipelineId);
        return board.Stages().Single(s => s.Str("id") == stageId).GetProperty("cards").EnumerateArray().Select(c => c.Str("title")).ToList();
    }
}

public sealed class LeadTestsOnSqlite(SqliteFactory app) : LeadTests<SqliteFactory>(app);

public sealed class LeadTestsOnPostgres(PostgresFactory app) : LeadTests<PostgresFactory>(app);
