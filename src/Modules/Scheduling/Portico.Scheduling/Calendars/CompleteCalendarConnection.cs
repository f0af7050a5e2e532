using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// The OAuth callback the provider sends the browser back to (<c>?code&amp;state</c>, or <c>?error&amp;state</c> when the
/// member declined): the signed state names the tenant, staff member and provider; the code is exchanged for tokens,
/// which are stored encrypted; the calendar is read once at once; the browser goes on to the staff member's console page.
/// A missing, forged, altered or expired state is a 400 and nothing is stored.
/// </summary>
internal static class CompleteCalendarConnection
{
    internal sealed class Handler(
        SchedulingDbContext db, RequestContext context, CalendarSigner signer, CalendarProviderSet providers, CalendarTokens tokens, CalendarSync sync,
        PublicLinks links)
    {
        public async Task<string> HandleAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
        {
            var connect = signer.ReadState(state) ?? throw new BadRequestException("This calendar connection link is not valid or has expired. Start connecting again.", "invalid-state");
            context.SetTenant(connect.TenantId, connect.TenantSlug);
            context.SetActor("system:calendar-connect");
            var staff = await db.FindStaffAsync(connect.StaffId, cancellationToken);
            var back = $"/t/{Uri.EscapeDataString(connect.TenantSlug)}/scheduling/staff/{staff.Id:D}";
            if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code) || code.Length > 4096)
            {
                return links.To($"{back}?calendar=declined&provider={connect.Provider}");
            }

            var provider = providers.Get(connect.Provider);
            CalendarTokenSet granted;
            ExternalCalendar calendar;
            try
            {
                granted = await provider.ExchangeCodeAsync(code, links.To(ConnectCalendar.CallbackPath), cancellationToken);
                calendar = await provider.GetCalendarAsync(granted.AccessToken, cancellationToken);
            }
            catch (Exception e) when (CalendarSync.Failure(e) is not null)
            {
                return links.To($"{back}?calendar=failed&provider={connect.Provider}");
            }

            // Connecting the same calendar again (after an error, say) renews the grant of the one connection.
            var connection = await db.CalendarConnections.FirstOrDefaultAsync(
                c => c.StaffId == staff.Id && c.Provider == provider.Name && c.ExternalCalendarId == calendar.Id, cancellationToken);
            if (connection is null)
            {
                connection = new CalendarConnection { StaffId = staff.Id, Provider = provider.Name, ExternalCalendarId = calendar.Id, AccessToken = "" };
                db.CalendarConnections.Add(connection);
            }

            tokens.Store(connection, granted);
            connection.Account = calendar.Account is { Length: <= 320 } account ? account : null;
            connection.SyncCursor = null;
            connection.FullSyncAt = null;
            connection.Succeeded();
            connection.LastErrorAt = null;
            await db.SaveChangesAsync(cancellationToken);
            await sync.SyncAsync(connection, cancellationToken);
            return links.To($"{back}?calendar=connected&provider={connect.Provider}");
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/calendars/oauth/callback", async Task<RedirectHttpResult> (string? code, string? state, string? error, Handler handler, CancellationToken ct) =>
            TypedResults.Redirect(await handler.HandleAsync(code, state, error, ct)))
        .AllowAnonymous()
        .WithName("CompleteCalendarConnection")
        .Produces(StatusCodes.Status302Found)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("OAuth callback of Google and Outlook calendar connections (the provider redirects the browser here); ends on the staff member's console page")
        .WithTags("Scheduling");
}
