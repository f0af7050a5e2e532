using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Starts connecting a staff member's Google or Outlook calendar: answers the provider's authorization URL, carrying a
/// signed <c>state</c> (tenant, staff member, provider, a short expiry) that the OAuth callback checks.
/// </summary>
internal static class ConnectCalendar
{
    internal sealed record Request(string? Provider);

    internal sealed record Answer(string Provider, string AuthorizationUrl);

    public const string CallbackPath = "/api/v1/calendars/oauth/callback";

    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarProviderSet providers, CalendarSigner signer, PublicLinks links)
    {
        public async Task<Answer> HandleAsync(Guid staffId, Request request, CancellationToken cancellationToken)
        {
            var staff = await CalendarAccess.StaffAsync(db, context, staffId, cancellationToken);
            new Rules().Required(request.Provider, "provider").OneOf(request.Provider, "provider", [.. CalendarProviders.All]).ThrowIfInvalid();
            var provider = providers.Get(request.Provider!);
            if (!provider.IsConfigured)
            {
                throw ValidationException.For("provider", $"{request.Provider} calendars are not set up on this server (Portico:Calendars:{(request.Provider == CalendarProviders.Google ? "Google" : "Microsoft")}).");
            }

            var state = signer.IssueState(new CalendarSigner.ConnectState(context.RequiredTenantId, context.TenantSlug!, staff.Id, provider.Name));
            return new Answer(provider.Name, provider.AuthorizationUrl(links.To(CallbackPath), state));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost(CalendarAccess.Route("/connect"), async Task<Ok<Answer>> (Guid staffId, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(staffId, request, ct)))
        .WithName("ConnectCalendar")
        .WithRequestExample(new { provider = "google" })
        .WithSummary("Start connecting a staff member's Google or Outlook calendar: open the answered authorizationUrl in the browser");
}
