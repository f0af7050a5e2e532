using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// A tenant's Liquid is untrusted code: the attacks of issue 12 (a billion-step loop, string doubling, huge ranges,
/// deep nesting, include/render, a client that leaves mid-render) each end in a 422 naming the limit, a delivery
/// failed with it, or a render stopped by cancellation; and the server keeps answering ordinary templates.
/// </summary>
public abstract class TemplateLimitTests<TFactory>(NotificationsHost<TFactory> host) : IClassFixture<NotificationsHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    /// <summary>Generous: the point is that an attack is answered at all while the server stays up, not a benchmark.</summary>
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60); // far below what an unbounded render takes, far above a busy CI machine's pace

    private PorticoFactory App => host.App;

    private sealed record Tenant(string Slug, HttpClient Client)
    {
        public string Notifications => $"/api/v1/tenants/{Slug}/notifications";
    }

    private async Task<Tenant> TenantAsync()
    {
        var owner = await App.RegisterAsync();
        var client = owner.Client(App);
        var slug = Http.Unique("tl");
        await client.PostJson("/api/v1/tenants", new { name = "Template Limits", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return new Tenant(slug, client);
    }

    /// <summary>Previews <paramref name="body"/> and returns the 422's message for the template, checking the answer came and the server still renders.</summary>
    private static async Task<string> RefusedPreviewAsync(Tenant tenant, string body, string field = "template")
    {
        var clock = Stopwatch.StartNew();
        var problem = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new { eventType = "custom.attack", channel = "sms", body })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        clock.Elapsed.ShouldBeLessThan(Answered);
        await AStillRendersAsync(tenant);
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    private static async Task AStillRendersAsync(Tenant tenant)
    {
        var preview = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new
        {
            eventType = "custom.order-paid", channel = "sms", body = "{% for i in (1..3) %}{{ i }}{% endfor %} {{ event.data.customer | upcase }}",
            sample = new { customer = "Anna" },
        }).ShouldBeOk();
        preview.Str("body").ShouldBe("123 ANNA");
    }

    [Fact]
    public async Task A_billion_step_loop_is_a_422_naming_the_limit_not_a_billion_items()
    {
        var tenant = await TenantAsync();

        (await RefusedPreviewAsync(tenant, "{% for i in (1..1000000000) %}x{% endfor %}")).ShouldBe("a range or list has more than 10,000 items");
        (await RefusedPreviewAsync(tenant, "{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}")).ShouldBe("the template runs more than 20,000 steps");
        (await RefusedPreviewAsync(tenant, "{% assign r = (-2147483648..2147483647) %}{{ r | size }}")).ShouldBe("a range or list has more than 10,000 items");
    }

    [Fact]
    public async Task String_doubling_stops_at_the_value_limit_whether_by_append_capture_replace_or_join()
    {
        var tenant = await TenantAsync();
        const string Doubling = "{% assign s = \"x\" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}";

        (await RefusedPreviewAsync(tenant, Doubling)).ShouldBe("a value exceeds 64 K characters");
        (await RefusedPreviewAsync(tenant, "{% assign s = \"x\" %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}"))
            .ShouldBe("a value exceeds 64 K characters");
        var half = "{% assign s = \"xxxxxxxxxxxxxxxx\" %}{% for i in (1..11) %}{% assign s = s | append: s %}{% endfor %}";
        (await RefusedPreviewAsync(tenant, half + "{{ s | replace: \"x\", s | size }}")).ShouldBe("a value exceeds 64 K characters");
        (await RefusedPreviewAsync(tenant, "{% assign a = (1..10000) %}{{ a | join: \"" + new string('-', 100) + "\" | size }}")).ShouldBe("a value exceeds 64 K characters");
        (await RefusedPreviewAsync(tenant, "{{ 1 | format_number: \"D999999999\" }}")).ShouldBe("a format asks for more than 999 digits or characters of padding");
    }

    [Fact]
    public async Task Output_and_the_text_a_render_builds_are_bounded()
    {
        var tenant = await TenantAsync();
        var line = new string('y', 100);

        (await RefusedPreviewAsync(tenant, $"{{% for i in (1..10000) %}}{line}{{% endfor %}}")).ShouldBe("output exceeds 256 K characters");
        var longer = new string('z', 1000);
        (await RefusedPreviewAsync(tenant, "{% assign s = \"" + longer + "\" %}{% for i in (1..10000) %}{% assign t = s | append: i %}{% endfor %}"))
            .ShouldBe("the template builds more than 1 M characters of text");
    }

    [Fact]
    public async Task Deep_nesting_is_refused_before_parsing_and_the_server_survives_it()
    {
        var tenant = await TenantAsync();
        var ifs = string.Concat(Enumerable.Repeat("{%if 1%}", 440)) + "x" + string.Concat(Enumerable.Repeat("{%endif%}", 440));
        var brackets = "{{ " + string.Concat(Enumerable.Repeat("a[", 1500)) + "1" + new string(']', 1500) + " }}";

        // Fluid's parser recursed once per level: a few hundred levels overflowed the stack and ended the process.
        (await RefusedPreviewAsync(tenant, ifs, "body")).ShouldBe("blocks or brackets are nested deeper than 20 levels");
        (await RefusedPreviewAsync(tenant, brackets, "body")).ShouldBe("blocks or brackets are nested deeper than 20 levels");
        var saved = await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.attack", channel = "email", locale = "en", subject = "Deep", body = "ok", htmlBody = ifs + ifs + ifs,
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        saved.GetProperty("errors").GetProperty("htmlBody")[0].GetString().ShouldBe("blocks or brackets are nested deeper than 20 levels");
        await AStillRendersAsync(tenant);
    }

    [Fact]
    public async Task Include_and_render_are_a_422_on_save_and_preview_not_a_500()
    {
        var tenant = await TenantAsync();

        foreach (var tag in new[] { "{% include 'header' %}", "{% render 'footer', x: 1 %}" })
        {
            var saved = await tenant.Client.PostJson($"{tenant.Notifications}/templates", new { eventType = "custom.attack", channel = "sms", locale = "en", body = tag })
                .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            saved.GetProperty("errors").GetProperty("body")[0].GetString()!.ShouldContain("are not available: a template cannot read other templates or files");
            (await RefusedPreviewAsync(tenant, tag, "body")).ShouldContain("not available");
        }
    }

    [Fact]
    public async Task A_client_that_leaves_stops_the_render_by_cancellation_not_at_the_time_limit()
    {
        var tenant = await TenantAsync();
        var stops = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "portico.notifications.template_renders_stopped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    stops.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();

        // Every turn sorts 8 192 strings: milliseconds a turn, seconds in all, within every size and step limit.
        const string Slow = "{% assign s = \"xxxxxx,\" %}{% for i in (1..13) %}{% assign s = s | append: s %}{% endfor %}"
            + "{% assign parts = s | split: \",\" %}{% for i in (1..9000) %}{% assign sorted = parts | sort_natural %}{% endfor %}done";
        using (var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            try
            {
                // The test server answers whatever the aborted pipeline left; what matters is how the render ended.
                using var _ = await tenant.Client.PostAsync(
                    $"{tenant.Notifications}/templates/preview", JsonContent(new { eventType = "custom.attack", channel = "sms", body = Slow }), leave.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var clock = Stopwatch.StartNew();
        // The counter is process-wide: the other provider's class may count its own "time" meanwhile.
        while (!stops.Contains("cancelled") && clock.Elapsed < Answered)
        {
            await Task.Delay(50);
        }

        // Had the cancellation not reached the render, it would have run on to the time limit and counted "time".
        stops.ShouldContain("cancelled");

        // Left alone, the same render stops at the time limit.
        (await RefusedPreviewAsync(tenant, Slow)).ShouldBe("rendering takes longer than 2 s");
    }

    [Fact]
    public async Task A_delivery_whose_template_hits_a_limit_is_failed_with_the_limit_named_once()
    {
        var tenant = await TenantAsync();
        await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.order-paid", channel = "inapp", locale = "en",
            body = "{% assign s = event.data.customer %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}",
        }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{tenant.Notifications}/triggers", new
        {
            name = "Paid", eventType = "custom.order-paid", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } },
        }).ShouldBe(HttpStatusCode.Created);
        var published = await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/events", new { type = "custom.order-paid", data = new { customer = "Anna" } })
            .ShouldBe(HttpStatusCode.Accepted);

        var clock = Stopwatch.StartNew();
        JsonElement delivery;
        while (true)
        {
            var items = (await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries?eventId={published.Str("id")}").ShouldBeOk()).GetProperty("items");
            delivery = items.EnumerateArray().FirstOrDefault();
            if (delivery.ValueKind == JsonValueKind.Object && delivery.Str("status") is not ("queued" or "retrying"))
            {
                break;
            }

            clock.Elapsed.ShouldBeLessThan(Answered, $"the delivery is still {delivery}");
            await Task.Delay(100);
        }

        delivery.Str("status").ShouldBe("failed");
        delivery.Str("providerAnswer").ShouldBe("the template could not be rendered: a value exceeds 64 K characters");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(0);
        await AStillRendersAsync(tenant);
    }

    private static StringContent JsonContent(object body) => Http.RawJson(JsonSerializer.Serialize(body));
}

public sealed class TemplateLimitTestsOnSqlite(NotificationsHost<SqliteFactory> host) : TemplateLimitTests<SqliteFactory>(host);

public sealed class TemplateLimitTestsOnPostgres(NotificationsHost<PostgresFactory> host) : TemplateLimitTests<PostgresFactory>(host);
