namespace Portico.Scheduling.Calendars;

/// <summary>The outside calendars a staff member can connect.</summary>
internal static class CalendarProviders
{
    public const string Google = "google";
    public const string Outlook = "outlook";

    public static readonly IReadOnlyList<string> All = [Google, Outlook];
}

/// <summary>Tokens an OAuth token endpoint answered with. <see cref="RefreshToken"/> is null when the provider kept the old one.</summary>
internal sealed record CalendarTokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>The calendar a connection writes to and reads from, and whose account it is (shown to members).</summary>
internal sealed record ExternalCalendar(string Id, string? Account);

/// <summary>An appointment as it is written to an outside calendar.</summary>
internal sealed record CalendarEventDraft(Guid AppointmentId, string Summary, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>An outside event that holds the staff member's time. <see cref="ByPortico"/>: one Portico wrote (not busy time).</summary>
internal sealed record BusyEvent(string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool ByPortico);

/// <summary>
/// What changed in a calendar since <c>cursor</c>: with <see cref="Full"/>, every busy event of the window (the
/// connection's stored rows are replaced); else the events that changed and the ids of those now gone or free.
/// <see cref="Cursor"/> is the provider's sync token or delta link for next time.
/// </summary>
internal sealed record BusyChanges(bool Full, IReadOnlyList<BusyEvent> Busy, IReadOnlyList<string> Gone, string? Cursor);

/// <summary>
/// One outside calendar service behind one port: the OAuth 2.0 authorization-code flow (link, code exchange,
/// refresh), appointments written as events, and busy times read back incrementally where the API allows.
/// Calls that need an access token take it as an argument; <see cref="CalendarAuthException"/> says it was refused.
/// </summary>
internal interface ICalendarProvider
{
    /// <summary><see cref="CalendarProviders.Google"/> or <see cref="CalendarProviders.Outlook"/>.</summary>
    string Name { get; }

    /// <summary>Whether the operator configured this provider's OAuth client.</summary>
    bool IsConfigured { get; }

    string AuthorizationUrl(string redirectUri, string state);

    Task<CalendarTokenSet> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken);

    Task<CalendarTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes the grant where the provider offers it; failures are ignored (the tokens are deleted anyway).</summary>
    Task RevokeAsync(string refreshToken, CancellationToken cancellationToken);

    Task<ExternalCalendar> GetCalendarAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Writes the event and returns its id. Retrying the same appointment finds the first event, never a second.</summary>
    Task<string> InsertEventAsync(string accessToken, string calendarId, CalendarEventDraft draft, CancellationToken cancellationToken);

    /// <summary>Moves the event; false when it no longer exists there (deleted by its owner).</summary>
    Task<bool> PatchEventAsync(string accessToken, string calendarId, string eventId, CalendarEventDraft draft, CancellationToken cancellationToken);

    /// <summary>Deletes the event; an event already gone is fine.</summary>
    Task DeleteEventAsync(string accessToken, string calendarId, string eventId, CancellationToken cancellationToken);

    /// <summary>The busy events of <paramref name="from"/> … <paramref name="until"/>, incrementally from <paramref name="cursor"/> when given and still valid.</summary>
    Task<BusyChanges> ReadBusyAsync(string accessToken, string calendarId, string? cursor, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>The provider refused the access token (401): refresh it and try again, once.</summary>
internal sealed class CalendarAuthException(string message) : Exception(message);

/// <summary>The provider refused the grant itself (a revoked or expired refresh token, a bad code): the member must connect again.</summary>
internal sealed class CalendarGrantException(string message) : Exception(message);

/// <summary>The provider answered with an error that is not about tokens (kept short: a status and the provider's reason, never a token).</summary>
internal sealed class CalendarApiException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Worth retrying later: throttling and the provider's own failures.</summary>
    public bool Transient => Status is 429 or >= 500;
}
