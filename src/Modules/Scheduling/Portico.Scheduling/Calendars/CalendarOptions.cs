namespace Portico.Scheduling.Calendars;

/// <summary>
/// Settings under <c>Portico:Calendars</c>: the OAuth clients and API addresses of Google Calendar and Microsoft Graph
/// (a provider is offered only when its client id and secret are set), and the background sync's pace and window.
/// </summary>
internal sealed class CalendarOptions
{
    public const string Section = "Portico:Calendars";

    public GoogleCalendarOptions Google { get; set; } = new();

    public MicrosoftCalendarOptions Microsoft { get; set; } = new();

    /// <summary>How often every active connection pulls its busy times (besides "sync now").</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead busy times are read (from now).</summary>
    public TimeSpan SyncWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// After this long an incremental cursor is dropped and the window read in full again, so events that were beyond
    /// the window when the cursor was made come in as the window moves.
    /// </summary>
    public TimeSpan FullSyncEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a connect link (its signed <c>state</c>) stays good.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The HMAC key file for the OAuth state and the ICS feed tokens, used only without <c>Portico:Auth:SigningKey</c>.</summary>
    public string KeyFile { get; set; } = "./data/keys/calendars.key";
}

internal abstract class CalendarProviderOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where the member is sent to grant access.</summary>
    public abstract string AuthUrl { get; set; }

    /// <summary>The OAuth 2.0 token endpoint (authorization_code and refresh_token grants).</summary>
    public abstract string TokenUrl { get; set; }

    /// <summary>The calendar API's base address.</summary>
    public abstract string ApiUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool HasValidUrls =>
        new[] { AuthUrl, TokenUrl, ApiUrl }.All(u => Uri.TryCreate(u, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http");
}

internal sealed class GoogleCalendarOptions : CalendarProviderOptions
{
    public override string AuthUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";

    public override string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";

    public override string ApiUrl { get; set; } = "https://www.googleapis.com/calendar/v3";

    /// <summary>Token revocation on disconnect; empty skips it.</summary>
    public string? RevokeUrl { get; set; } = "https://oauth2.googleapis.com/revoke";
}

internal sealed class MicrosoftCalendarOptions : CalendarProviderOptions
{
    public override string AuthUrl { get; set; } = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";

    public override string TokenUrl { get; set; } = "https://login.microsoftonline.com/common/oauth2/v2.0/token";

    public override string ApiUrl { get; set; } = "https://graph.microsoft.com/v1.0";
}
