using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>Web forms: a tenant's settings, and the public side as a browser on another site uses it (CORS, spam defence, leads).</summary>
public abstract class WebFormTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory, new()
{
    private const string Site = "https://salon.example";
    private readonly HttpClient _admin = app.AdminClient();
    private readonly HttpClient _visitor = app.CreateClient();

    private async Task<string> CreateTenantAsync()
    {
        var slug = Http.Unique("forms");
        await _admin.PostJson("/api/v1/tenants", new { name = "Forms Salon", slug, vertical = "studio", country = "DE" }).ShouldBe(HttpStatusCode.Created);
        return slug;
    }

    private static readonly object[] ContactFields =
    [
        new { name = "name", label = "Your name", type = "text", required = true, mapsTo = "contactName" },
        new { name = "email", label = "Email", type = "email", required = true, mapsTo = "email" },
        new { name = "phone", label = "Phone", type = "phone", required = false, mapsTo = "phone" },
        new { name = "message", label = "Message", type = "textarea", required = false, mapsTo = (string?)null },
    ];

    private static object FormBody(int minFillSeconds = 0, string? consentText = "I agree that the salon stores my data to answer me.", object[]? extraFields = null) => new
    {
        name = "Website contact",
        title = "Book a consultation",
        fields = ContactFields.Concat(extraFields ?? []).ToArray(),
        consentText,
        thankYouMessage = "Thanks! We will call you back today.",
        allowedOrigins = new[] { Site + "/", "http://localhost:3000" },
        minFillSeconds,
    };

    private async Task<JsonElement> CreateFormAsync(string slug, object? body = null) =>
        await _admin.PostJson($"/api/v1/tenants/{slug}/crm/forms", body ?? FormBody()).ShouldBe(HttpStatusCode.Created);

    private async Task<string> StartedTokenAsync(string key) =>
        (await _visitor.GetAsync($"/api/v1/public/forms/{key}").ShouldBeOk()).Str("startedToken");

    private async Task<HttpResponseMessage> SubmitAsync(string key, object fields, string? token, bool consent = true, string? website = null, string? origin = Site)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/forms/{key}/submissions")
        {
            Content = JsonContent.Create(new { fields, consent, startedToken = token, website }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await _visitor.SendAsync(request);
    }

    /// <summary>What a browser sends before a cross-origin JSON POST.</summary>
    private async Task<HttpResponseMessage> PreflightAsync(string key, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/v1/public/forms/{key}/submissions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await _visitor.SendAsync(request);
    }

    /// <summary>The tenant's leads (each test has a tenant of its own), optionally filtered.</summary>
    private async Task<JsonElement> LeadsAsync(string slug, string query = "") =>
        (await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/leads?{query}").ShouldBeOk()).GetProperty("items");

    private async Task<JsonElement> SubmissionActivitiesAsync(string slug, string leadId) =>
        (await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/activities?recordType=lead&recordId={leadId}&kind=form_submission").ShouldBeOk()).GetProperty("items");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task A_new_form_gets_an_unguessable_key_and_its_public_definition_shows_only_what_a_visitor_needs()
    {
        var slug = await CreateTenantAsync();
        var form = await CreateFormAsync(slug);

        var key = form.Str("key");
        key.Length.ShouldBe(22);
        key.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        form.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()).ShouldBe([Site, "http://localhost:3000"]);
        form.GetProperty("embed").Str("scriptUrl").ShouldEndWith($"/forms/{key}.js");
        form.GetProperty("embed").Str("html").ShouldContain($"/forms/{key}.js");
        form.Str("submitLabel").ShouldBe("Send");
        form.Str("locale").ShouldBe("en");

        var response = await _visitor.GetAsync($"/api/v1/public/forms/{key}");
        var definition = await response.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        definition.Str("title").ShouldBe("Book a consultation");
        definition.Str("consentText").ShouldStartWith("I agree");
        definition.Str("honeypotField").ShouldBe("website");
        definition.Str("submissionUrl").ShouldBe($"/api/v1/public/forms/{key}/submissions");
        definition.Str("startedToken").ShouldNotBeNullOrWhiteSpace();
        var fields = definition.GetProperty("fields").EnumerateArray().ToList();
        fields.Select(f => f.Str("name")).ShouldBe(["name", "email", "phone", "message"]);
        fields.Any(f => f.TryGetProperty("mapsTo", out _)).ShouldBeFalse();
        definition.TryGetProperty("id", out _).ShouldBeFalse();
        definition.TryGetProperty("thankYouMessage", out _).ShouldBeFalse();

        var listed = await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/forms?limit=1").ShouldBeOk();
        listed.GetProperty("items")[0].Str("id").ShouldBe(form.Str("id"));
    }

    [Fact]
    public async Task Bad_form_settings_are_a_422_naming_each_field()
    {
        var slug = await CreateTenantAsync();
        var problem = await _admin.PostJson($"/api/v1/tenants/{slug}/crm/forms", new
        {
            name = "Broken",
            fields = new object[]
            {
                new { name = "website", label = "Site", type = "text" },
                new { name = "budget", label = "Budget", type = "number", mapsTo = "cf.nope" },
                new { name = "service", label = "Service", type = "select" },
                new { name = "mail", label = "Mail", type = "text", mapsTo = "email" },
                new { name = "color", label = "Colour", type = "radio" },
            },
            allowedOrigins = new[] { "https://salon.example/contact", "ftp://salon.example" },
            minFillSeconds = 601,
            locale = "de",
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "fields[0].name", "fields[1].mapsTo", "fields[2].options", "fields[3].mapsTo", "fields[4].type", "allowedOrigins[0]", "allowedOrigins[1]", "minFillSeconds", "locale" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} in {errors}");
        }

        var stage = await _admin.PostJson($"/api/v1/tenants/{slug}/crm/forms", new { name = "Nowhere", fields = ContactFields, stageId = Guid.NewGuid() })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        stage.GetProperty("errors").TryGetProperty("stageId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_browser_on_an_allowed_origin_passes_the_preflight_and_a_foreign_origin_does_not()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        var allowed = await PreflightAsync(key, Site);
        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await allowed.Content.ReadAsStringAsync());
        Header(allowed, "Access-Control-Allow-Origin").ShouldBe(Site);
        Header(allowed, "Access-Control-Allow-Methods").ShouldBe("POST");
        Header(allowed, "Access-Control-Allow-Headers").ShouldBe("Content-Type", StringCompareShould.IgnoreCase);
        int.Parse(Header(allowed, "Access-Control-Max-Age"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        Header(allowed, "Vary").ShouldContain("Origin");

        var foreign = await PreflightAsync(key, "https://spam.example");
        await foreign.ShouldBeProblem(HttpStatusCode.Forbidden);
        foreign.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        var post = await SubmitAsync(key, new { name = "Anna", email = "anna@example.com" }, await StartedTokenAsync(key), origin: "https://spam.example");
        await post.ShouldBeProblem(HttpStatusCode.Forbidden);
        post.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_started_token_is_good_for_one_submission_and_a_refused_submission_does_not_spend_it()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");
        var token = await StartedTokenAsync(key);

        await SubmitAsync(key, new { name = "Anna" }, token).ShouldBeProblem(HttpStatusCode.UnprocessableEntity); // the email is missing
        await SubmitAsync(key, new { name = "Anna", email = "anna@example.com" }, token).ShouldBe(HttpStatusCode.Accepted);
        var replay = await SubmitAsync(key, new { name = "Bot", email = "bot@example.com" }, token).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        replay.ErrorFields().ShouldBe(["startedToken"]);
        replay.GetProperty("errors").GetProperty("startedToken")[0].GetString()!.ShouldContain("already sent");
        (await LeadsAsync(slug)).EnumerateArray().Select(l => l.Str("email")).ShouldBe(["anna@example.com"]);
    }

    [Fact]
    public async Task Submissions_racing_with_one_started_token_make_one_lead()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");
        var token = await StartedTokenAsync(key);

        // Five: the per-address limit of a form (five a minute) lets them all reach the token check.
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => SubmitAsync(key, new { name = $"Bot {i}", email = $"bot{i}@example.com" }, token)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["startedToken"]);
        }

        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_submission_must_name_an_allowed_page_by_Origin_or_Referer()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        var bare = await SubmitAsync(key, new { name = "Script", email = "script@example.com" }, await StartedTokenAsync(key), origin: null).ShouldBeProblem(HttpStatusCode.Forbidden);
        bare.Str("type").ShouldEndWith("/origin-required");
        await (await SubmitWithRefererAsync(key, "https://spam.example/landing")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);

        // A browser whose privacy settings drop Origin still names the page by Referer.
        await (await SubmitWithRefererAsync(key, Site + "/contact?utm_source=mail")).ShouldBe(HttpStatusCode.Accepted);
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(1);
    }

    private async Task<HttpResponseMessage> SubmitWithRefererAsync(string key, string referer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/forms/{key}/submissions")
        {
            Content = JsonContent.Create(new { fields = new { name = "Referred", email = "referred@example.com" }, consent = true, startedToken = await StartedTokenAsync(key) }),
        };
        request.Headers.Referrer = new Uri(referer);
        return await _visitor.SendAsync(request);
    }

    [Fact]
    public async Task A_submission_that_names_nobody_is_a_422_on_the_form_field_that_would_have()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug, new
        {
            name = "Feedback",
            fields = new object[]
            {
                new { name = "name", label = "Your name", type = "text", required = false, mapsTo = "contactName" },
                new { name = "message", label = "Message", type = "textarea", required = true },
            },
            allowedOrigins = new[] { Site },
            minFillSeconds = 0,
        })).Str("key");

        var problem = await SubmitAsync(key, new { message = "You are great" }, await StartedTokenAsync(key)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["fields.name"]);
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
        await SubmitAsync(key, new { name = "Clara", message = "You are great" }, await StartedTokenAsync(key)).ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_submission_after_the_minimum_fill_time_becomes_a_web_form_lead_with_an_activity_and_a_new_lead_event()
    {
        var slug = await CreateTenantAsync();
        await _admin.PostJson($"/api/v1/tenants/{slug}/crm/fields", new { recordType = "lead", key = "service", label = "Service", type = "select", options = new[] { "Tattoo", "Piercing" } })
            .ShouldBe(HttpStatusCode.Created);
        var form = await CreateFormAsync(slug, FormBody(minFillSeconds: 1, extraFields: [new { name = "service", label = "Service", type = "select", options = new[] { "Tattoo", "Piercing" }, mapsTo = "cf.service" }]));
        var key = form.Str("key");
        using var stream = await SseClient.OpenAsync(_admin, $"/api/v1/tenants/{slug}/events/stream");

        // As the browser does: load the definition, let a person type for a while, then post from the salon's site.
        var token = await StartedTokenAsync(key);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var response = await SubmitAsync(key, new { name = "Anna Schmidt", email = "Anna@Example.com", phone = "030 1234567", message = "Hello!\nA small rose, please.", service = "Tattoo" }, token);

        var thanks = await response.ShouldBe(HttpStatusCode.Accepted);
        thanks.Str("message").ShouldBe("Thanks! We will call you back today.");
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Site);
        Header(response, "Vary").ShouldContain("Origin");

        var lead = (await LeadsAsync(slug, "source=web_form")).EnumerateArray().Single();
        lead.Str("source").ShouldBe("web_form");
        lead.Str("formId").ShouldBe(form.Str("id"));
        lead.Str("contactName").ShouldBe("Anna Schmidt");
        lead.Str("email").ShouldBe("anna@example.com");
        lead.Str("phone").ShouldBe("+49301234567");
        lead.GetProperty("customFields").Str("service").ShouldBe("Tattoo");
        var data = lead.GetProperty("formData");
        data.Str("message").ShouldBe("Hello!\nA small rose, please.");
        data.GetProperty("consent").GetBoolean().ShouldBeTrue();
        DateTimeOffset.Parse(data.Str("consentAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        var activity = (await SubmissionActivitiesAsync(slug, lead.Str("id"))).EnumerateArray().Single();
        activity.Str("subject").ShouldContain("Book a consultation");
        activity.Str("body").ShouldContain("Your name: Anna Schmidt");
        activity.Str("body").ShouldContain("Email: anna@example.com");

        var announced = await stream.NextAsync("new-lead");
        var payload = JsonDocument.Parse(announced.Data).RootElement.GetProperty("data");
        payload.Str("leadId").ShouldBe(lead.Str("id"));
        payload.Str("source").ShouldBe("web_form");
        payload.Str("formId").ShouldBe(form.Str("id"));

        var counted = await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/forms/{form.Str("id")}").ShouldBeOk();
        counted.GetProperty("submissionCount").GetInt32().ShouldBe(1);
        counted.GetProperty("lastSubmissionAt").ValueKind.ShouldBe(JsonValueKind.String);
        counted.GetProperty("version").GetInt64().ShouldBe(form.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_second_submission_with_the_same_email_joins_the_open_lead_instead_of_making_a_twin()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        await SubmitAsync(key, new { name = "Boris", email = "boris@example.com", message = "First" }, await StartedTokenAsync(key)).ShouldBe(HttpStatusCode.Accepted);
        var again = await SubmitAsync(key, new { name = "Boris K.", email = "BORIS@example.com", message = "Second" }, await StartedTokenAsync(key));

        (await again.ShouldBe(HttpStatusCode.Accepted)).Str("message").ShouldBe("Thanks! We will call you back today.");
        var lead = (await LeadsAsync(slug)).EnumerateArray().Single();
        var bodies = (await SubmissionActivitiesAsync(slug, lead.Str("id"))).EnumerateArray().Select(a => a.Str("body")).ToList();
        bodies.Count.ShouldBe(2);
        bodies.ShouldContain(b => b.Contains("Second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_like_a_person_but_creates_nothing()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        var response = await SubmitAsync(key, new { name = "Bot", email = "bot@example.com" }, await StartedTokenAsync(key), website: "https://cheap-pills.example");

        (await response.ShouldBe(HttpStatusCode.Accepted)).Str("message").ShouldBe("Thanks! We will call you back today.");
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_submission_faster_than_the_minimum_fill_time_is_a_422_too_fast()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug, FormBody(minFillSeconds: 30))).Str("key");

        var problem = await SubmitAsync(key, new { name = "Quick", email = "quick@example.com" }, await StartedTokenAsync(key)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.Str("type").ShouldEndWith("/too-fast");
        problem.Str("detail").ShouldContain("too fast");
        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_missing_forged_or_foreign_started_token_is_a_422()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");
        var otherKey = (await CreateFormAsync(slug)).Str("key");
        var token = await StartedTokenAsync(key);
        var fields = new { name = "Eve", email = "eve@example.com" };

        foreach (var bad in new[] { null, token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"), "not-a-token", await StartedTokenAsync(otherKey) })
        {
            var problem = await SubmitAsync(key, fields, bad).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").TryGetProperty("startedToken", out _).ShouldBeTrue(bad ?? "null");
        }

        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Missing_required_fields_consent_and_bad_values_are_a_422_naming_each()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        var response = await SubmitAsync(key, new { email = "not an email", phone = "call me maybe" }, await StartedTokenAsync(key), consent: false);

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Site);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("fields.name", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("fields.email", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("fields.phone", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("consent", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("fields.message", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Too_many_submissions_from_one_address_are_a_429_with_Retry_After()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");
        var token = await StartedTokenAsync(key);

        // Honeypot posts count like any other: a bot cannot hammer the form through the trap.
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(key, new { name = "Spam" }, token, website: "x").ShouldBe(HttpStatusCode.Accepted);
        }

        var limited = await SubmitAsync(key, new { name = "Spam" }, token, website: "x");
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        int.Parse(Header(limited, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        Header(limited, "Access-Control-Allow-Origin").ShouldBe(Site);
    }

    [Fact]
    public async Task A_disabled_or_unknown_form_is_not_found_anywhere_in_public()
    {
        var slug = await CreateTenantAsync();
        var form = await CreateFormAsync(slug);
        var key = form.Str("key");
        var token = await StartedTokenAsync(key);

        await _admin.PatchJson($"/api/v1/tenants/{slug}/crm/forms/{form.Str("id")}", new { enabled = false }, ifMatch: "\"99\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var disabled = await _admin.PatchJson($"/api/v1/tenants/{slug}/crm/forms/{form.Str("id")}", new { enabled = false }, ifMatch: $"\"{form.GetProperty("version").GetInt64()}\"").ShouldBeOk();
        disabled.GetProperty("enabled").GetBoolean().ShouldBeFalse();

        foreach (var missing in new[] { key, "AAAAAAAAAAAAAAAAAAAAAA" })
        {
            await _visitor.GetAsync($"/api/v1/public/forms/{missing}").ShouldBeProblem(HttpStatusCode.NotFound);
            await SubmitAsync(missing, new { name = "Anna", email = "anna@example.com" }, token).ShouldBeProblem(HttpStatusCode.NotFound);
            var script = await _visitor.GetAsync($"/forms/{missing}.js");
            script.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await script.Content.ReadAsStringAsync()).ShouldStartWith("/*");
        }

        (await LeadsAsync(slug)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_cannot_read_change_or_delete_a_form()
    {
        var slug = await CreateTenantAsync();
        var form = await CreateFormAsync(slug);
        var id = form.Str("id");
        var outsider = await app.RegisterAsync();
        using var other = outsider.Client(app);
        var otherSlug = Http.Unique("other");
        await other.PostJson("/api/v1/tenants", new { name = "Other Salon", slug = otherSlug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);

        await other.GetAsync($"/api/v1/tenants/{otherSlug}/crm/forms/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await other.PatchJson($"/api/v1/tenants/{otherSlug}/crm/forms/{id}", new { name = "Mine now" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.DeleteAsync($"/api/v1/tenants/{otherSlug}/crm/forms/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await other.GetAsync($"/api/v1/tenants/{slug}/crm/forms/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/tenants/{otherSlug}/crm/forms").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);

        (await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/forms/{id}").ShouldBeOk()).Str("name").ShouldBe("Website contact");
        await _admin.DeleteAsync($"/api/v1/tenants/{slug}/crm/forms/{id}").ShouldBe(HttpStatusCode.NoContent);
        await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/forms/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_embed_script_is_cacheable_javascript_that_loads_the_definition_from_its_own_server()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");

        var response = await _visitor.GetAsync($"/forms/{key}.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/javascript");
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        response.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromMinutes(5));
        var script = await response.Content.ReadAsStringAsync();
        script.ShouldContain($"\"/api/v1/public/forms/{key}\"");
        script.ShouldContain("document.currentScript");
        script.ShouldContain("textContent");
        script.ShouldNotContain("innerHTML");
    }

    [Fact]
    public async Task Leads_from_a_form_go_to_its_stage_and_a_stage_of_a_deal_pipeline_is_refused()
    {
        var slug = await CreateTenantAsync();
        var pipelines = (await _admin.GetAsync($"/api/v1/tenants/{slug}/crm/pipelines").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        var leadStage = pipelines.First(p => p.Str("recordType") == "lead").GetProperty("stages")[1];
        var dealStage = pipelines.First(p => p.Str("recordType") == "deal").GetProperty("stages")[0];
        var form = await CreateFormAsync(slug);

        var refused = await _admin.PatchJson($"/api/v1/tenants/{slug}/crm/forms/{form.Str("id")}", new { stageId = dealStage.Str("id") }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").TryGetProperty("stageId", out _).ShouldBeTrue();
        var placed = await _admin.PatchJson($"/api/v1/tenants/{slug}/crm/forms/{form.Str("id")}", new { stageId = leadStage.Str("id") }).ShouldBeOk();
        placed.Str("stageId").ShouldBe(leadStage.Str("id"));
        placed.Str("pipelineId").ShouldBe(pipelines.First(p => p.Str("recordType") == "lead").Str("id"));

        var key = form.Str("key");
        await SubmitAsync(key, new { name = "Dora", email = "dora@example.com" }, await StartedTokenAsync(key)).ShouldBe(HttpStatusCode.Accepted);

        (await LeadsAsync(slug)).EnumerateArray().Single().Str("stageId").ShouldBe(leadStage.Str("id"));
    }

    [Fact]
    public async Task A_plain_html_form_post_is_accepted_too()
    {
        var slug = await CreateTenantAsync();
        var key = (await CreateFormAsync(slug)).Str("key");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/forms/{key}/submissions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = "Clara",
                ["fields[email]"] = "clara@example.com",
                ["consent"] = "on",
                ["website"] = "",
                ["startedToken"] = await StartedTokenAsync(key),
            }),
        };
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        await (await _visitor.SendAsync(request)).ShouldBe(HttpStatusCode.Accepted);

        var lead = (await LeadsAsync(slug)).EnumerateArray().Single();
        lead.Str("email").ShouldBe("clara@example.com");
        lead.Str("contactName").ShouldBe("Clara");
    }
}

public sealed class WebFormTestsOnSqlite(SqliteFactory app) : WebFormTests<SqliteFactory>(app);

public sealed class WebFormTestsOnPostgres(PostgresFactory app) : WebFormTests<PostgresFactory>(app);
