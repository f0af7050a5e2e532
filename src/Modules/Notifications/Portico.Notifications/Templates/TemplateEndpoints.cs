using System.Text.Json;
using Portico.Data.Paging;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Templates;

/// <summary>A tenant's templates: list, read, create, replace, delete; the shipped defaults; previews with sample data.</summary>
internal static class TemplateEndpoints
{
    internal sealed record Request(string? EventType, string? Channel, string? Locale, string? Subject, string? Body, string? HtmlBody);

    internal sealed record Response(
        Guid Id, string EventType, string Channel, string Locale, string? Subject, string Body, string? HtmlBody,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
    {
        public static Response From(NotificationTemplate t) =>
            new(t.Id, t.EventType, t.Channel, t.Locale, t.Subject, t.Body, t.HtmlBody, t.CreatedAt, t.UpdatedAt, t.Version);
    }

    /// <summary>Renders <see cref="Body"/> (and subject, HTML) as given, or the template in force when no body is given.</summary>
    internal sealed record PreviewRequest(
        string? EventType, string? Channel, string? Locale, string? Subject, string? Body, string? HtmlBody, JsonElement? Sample, string? RecipientName);

    internal sealed record PreviewResponse(string Subject, string Body, string? HtmlBody, string Source, JsonElement Sample);

    internal sealed record DefaultView(string EventType, string Locale, string Subject, string Body);

    private static readonly SortFields<NotificationTemplate> Sorts = new SortFields<NotificationTemplate>("eventType")
        .Add("eventType", t => t.EventType)
        .Add("createdAt", t => t.CreatedAt);

    internal sealed class Handler(NotificationsDbContext db, EventCatalog catalog, TemplateResolver resolver, RequestContext context, TimeProvider clock)
    {
        public async Task<Page<Response>> ListAsync(string? eventType, string? channel, string? locale, PageRequest page, CancellationToken ct)
        {
            var query = db.Templates.AsNoTracking();
            query = eventType is null ? query : query.Where(t => t.EventType == eventType);
            query = channel is null ? query : query.Where(t => t.Channel == channel);
            query = locale is null ? query : query.Where(t => t.Locale == locale);
            return (await query.ToPageAsync(page, Sorts, ct)).Map(Response.From);
        }

        public async Task<Response> GetAsync(Guid id, CancellationToken ct) => Response.From(await FindAsync(id, ct));

        public async Task<Response> CreateAsync(Request request, CancellationToken ct)
        {
            Check(request);
            var template = new NotificationTemplate
            {
                EventType = request.EventType!,
                Channel = request.Channel!,
                Locale = request.Locale!,
                Subject = request.Subject,
                Body = request.Body!,
                HtmlBody = request.HtmlBody,
            };
            db.Templates.Add(template);
            await SaveAsync(ct);
            return Response.From(template);
        }

        public async Task<Response> ReplaceAsync(Guid id, Request request, long? expectedVersion, CancellationToken ct)
        {
            Check(request);
            var template = await FindAsync(id, ct);
            ApiConventions.CheckVersion(expectedVersion, template.Version);
            template.EventType = request.EventType!;
            template.Channel = request.Channel!;
            template.Locale = request.Locale!;
            template.Subject = request.Subject;
            template.Body = request.Body!;
            template.HtmlBody = request.HtmlBody;
            await SaveAsync(ct);
            return Response.From(template);
        }

        public async Task DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
        {
            var template = await FindAsync(id, ct);
            ApiConventions.CheckVersion(expectedVersion, template.Version);
            db.Templates.Remove(template);
            await db.SaveChangesAsync(ct);
        }

        public async Task<PreviewResponse> PreviewAsync(PreviewRequest request, CancellationToken ct)
        {
            var channel = request.Channel ?? ChannelNames.Email;
            var locale = request.Locale ?? "en";
            var eventType = request.EventType ?? "custom.preview";
            new Rules()
                .CheckChannel(channel)
                .CheckLocale(locale)
                .Check(catalog.IsSubscribable(eventType) && eventType != "*", "eventType", "must be an event type from GET /api/v1/event-types or a custom type (custom.*).")
                .Check(request.Sample is null || request.Sample.Value.ValueKind == JsonValueKind.Object, "sample", "must be a JSON object (the event's data).")
                .Length(request.Body, "body", 1, NotificationTemplate.MaxBody)
                .Length(request.Subject, "subject", 0, NotificationTemplate.MaxSubject)
                .Length(request.HtmlBody, "htmlBody", 0, NotificationTemplate.MaxHtmlBody)
                .CheckLiquid(request.Subject, "subject")
                .CheckLiquid(request.Body, "body")
                .CheckLiquid(request.HtmlBody, "htmlBody")
                .ThrowIfInvalid();

            var text = request.Body is null
                ? await resolver.ResolveAsync(eventType, channel, locale, ct)
                : new TemplateText(request.Subject, request.Body, request.HtmlBody, "request");
            var now = clock.GetUtcNow();
            var sample = request.Sample?.Clone() ?? SampleData.For(catalog.Find(eventType)?.PayloadType, now);
            var sampleEvent = IntegrationEvent.Create(context.RequiredTenantId, context.TenantSlug ?? "", eventType, eventType, sample, context.Actor, now) with
            {
                Contact = new EventContact("Boris Client", "boris@example.com", "+15550101", locale),
            };
            var recipient = new RecipientInfo(request.RecipientName ?? (DefaultTemplates.Language(locale) == "ru" ? "Анна" : "Anna"), "anna@example.com", "+15550100", locale);
            var markup = channel switch
            {
                ChannelNames.Telegram => Markup.Html,
                ChannelNames.Slack => Markup.Slack,
                _ => Markup.PlainText,
            };
            try
            {
                // The request's token: a client that leaves stops the render at its next write, filter or loop turn.
                var rendered = await LiquidTemplates.RenderAsync(text, RenderModel.Build(sampleEvent, recipient, TimeZoneInfo.Utc), markup, channel == ChannelNames.Email, locale, TimeZoneInfo.Utc, ct);
                return new PreviewResponse(rendered.Subject, rendered.Text, rendered.Html, text.Source, sample);
            }
            catch (TemplateRenderException ex)
            {
                throw ValidationException.For("template", ex.Message);
            }
        }

        private void Check(Request request) => new Rules()
            .CheckEventType(catalog, request.EventType, allowAny: false)
            .CheckChannel(request.Channel)
            .Required(request.Locale, "locale")
            .CheckLocale(request.Locale)
            .Check(request.Channel != ChannelNames.Email || !string.IsNullOrWhiteSpace(request.Subject), "subject", "is required for email.")
            .Check(request.HtmlBody is null || request.Channel == ChannelNames.Email, "htmlBody", "is for email templates only.")
            .Required(request.Body, "body")
            .Length(request.Subject, "subject", 1, NotificationTemplate.MaxSubject)
            .Length(request.Body, "body", 1, NotificationTemplate.MaxBody)
            .Length(request.HtmlBody, "htmlBody", 1, NotificationTemplate.MaxHtmlBody)
            .CheckLiquid(request.Subject, "subject")
            .CheckLiquid(request.Body, "body")
            .CheckLiquid(request.HtmlBody, "htmlBody")
            .ThrowIfInvalid();

        private async Task SaveAsync(CancellationToken ct)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (ConflictException)
            {
                throw new ConflictException("The tenant already has a template for this event type, channel and locale.", "template-exists");
            }
        }

        private async Task<NotificationTemplate> FindAsync(Guid id, CancellationToken ct) =>
            await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Template", id);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        var templates = tenants.MapGroup("/{tenant}/notifications/templates").RequirePermission(NotificationsPermissions.Manage);

        templates.MapGet("/", async Task<Ok<Page<Response>>> (string? eventType, string? channel, string? locale, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(eventType, channel, locale, PageRequest.From(limit, cursor, sort), ct)))
            .WithName("ListNotificationTemplates").WithSummary("The tenant's templates (filters: eventType, channel, locale; sort: eventType, createdAt)");

        templates.MapGet("/defaults", () => TypedResults.Ok(DefaultTemplates.All.Select(d => new DefaultView(d.EventType, d.Locale, d.Subject, d.Body)).ToList()))
            .WithName("ListDefaultNotificationTemplates").WithSummary("The templates Portico ships (English and Russian; * is the text for any other event)");

        templates.MapGet("/{id:guid}", async Task<Ok<Response>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var found = await handler.GetAsync(id, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(found.Version);
                return TypedResults.Ok(found);
            })
            .WithName("GetNotificationTemplate").WithSummary("One template");

        templates.MapPost("/", async Task<Created<Response>> (Request request, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var created = await handler.CreateAsync(request, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(created.Version);
                return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{created.Id}", created);
            })
            .WithName("CreateNotificationTemplate").WithSummary("Add a template for an event type, channel and locale; invalid Liquid is a 422 naming line and column");

        templates.MapPut("/{id:guid}", async Task<Ok<Response>> (Guid id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var saved = await handler.ReplaceAsync(id, request, http.Request.ExpectedVersion(), ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(saved.Version);
                return TypedResults.Ok(saved);
            })
            .WithName("ReplaceNotificationTemplate").WithSummary("Replace a template (send If-Match to avoid lost updates)");

        templates.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.DeleteAsync(id, http.Request.ExpectedVersion(), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteNotificationTemplate").WithSummary("Delete a template; the shipped default applies again");

        templates.MapPost("/preview", async Task<Ok<PreviewResponse>> (PreviewRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.PreviewAsync(request, ct)))
            .WithName("PreviewNotificationTemplate").WithSummary("Render template text (or the template in force) with sample data from the event type's payload or the given sample");
    }
}
