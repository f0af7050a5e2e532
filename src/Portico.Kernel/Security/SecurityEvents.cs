using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Tenancy;

namespace Portico.Kernel.Security;

/// <summary>
/// The one home of security events: each is a structured log entry with its own event id (category
/// <c>Portico.Security</c>) and one count in <c>portico_security_events_total{kind=…}</c> at <c>/metrics</c>.
/// Entries carry the kind, reason, user, tenant, client address and request path, and an account as a
/// masked email (<c>a***@example.com</c>) with a short hash to correlate; never passwords, codes, tokens
/// or whole addresses.
/// </summary>
public sealed partial class SecurityEvents(ILoggerFactory loggers, IHttpContextAccessor http)
{
    public const string MeterName = "Portico.Security";

    private readonly ILogger _logger = loggers.CreateLogger(MeterName);

    /// <summary>The kinds, as they appear in the <c>kind</c> label.</summary>
    public static class Kinds
    {
        public const string SignInFailed = "sign-in-failed";
        public const string SignInThrottled = "sign-in-throttled";
        public const string SecondFactorFailed = "second-factor-failed";
        public const string AccountLocked = "account-locked";
        public const string ThrottleLifted = "throttle-lifted";
        public const string RefreshTokenReuse = "refresh-token-reuse";
        public const string SessionRevoked = "session-revoked";
        public const string Unauthorized = "unauthorized";
        public const string Forbidden = "forbidden";
    }

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Count = Meter.CreateCounter<long>(
        "portico.security.events", unit: "{event}", description: "Security events by kind: failed sign-ins, throttles, lockouts, token reuse, revoked sessions, 401 and 403 answers.");

    /// <summary>A wrong password, an unknown account, or a wrong reset code (<paramref name="reason"/> says which).</summary>
    public void SignInFailed(string? email, Guid? userId, string reason)
    {
        Counted(Kinds.SignInFailed);
        LogSignInFailed(_logger, Kinds.SignInFailed, reason, Account(email), userId, Ip, Path);
    }

    /// <summary>An attempt refused while the account identifier has to wait (429), known account or not.</summary>
    public void SignInThrottled(string? email, string scope, TimeSpan wait)
    {
        Counted(Kinds.SignInThrottled);
        LogSignInThrottled(_logger, Kinds.SignInThrottled, scope, Account(email), (int)Math.Ceiling(wait.TotalSeconds), Ip, Path);
    }

    public void SecondFactorFailed(Guid userId, string method)
    {
        Counted(Kinds.SecondFactorFailed);
        LogSecondFactorFailed(_logger, Kinds.SecondFactorFailed, method, userId, Ip, Path);
    }

    public void AccountLocked(Guid userId, TimeSpan wait)
    {
        Counted(Kinds.AccountLocked);
        LogAccountLocked(_logger, Kinds.AccountLocked, userId, (int)Math.Ceiling(wait.TotalSeconds), Ip, Path);
    }

    /// <summary>A password reset or an emailed link cleared the failed attempts of an account.</summary>
    public void ThrottleLifted(Guid userId, string how)
    {
        Counted(Kinds.ThrottleLifted);
        LogThrottleLifted(_logger, Kinds.ThrottleLifted, how, userId, Ip);
    }

    public void RefreshTokenReuse(Guid userId, Guid sessionId)
    {
        Counted(Kinds.RefreshTokenReuse);
        LogRefreshTokenReuse(_logger, Kinds.RefreshTokenReuse, userId, sessionId, Ip);
    }

    public void SessionRevoked(Guid userId, Guid? sessionId, string reason, int count = 1)
    {
        Counted(Kinds.SessionRevoked, count);
        LogSessionRevoked(_logger, Kinds.SessionRevoked, reason, userId, sessionId, count, Ip);
    }

    /// <summary>A 401 or 403 answer of any endpoint (the host reports these once, after the response).</summary>
    public void AccessDenied(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var kind = status == StatusCodes.Status401Unauthorized ? Kinds.Unauthorized : Kinds.Forbidden;
        Counted(kind);
        var request = context.RequestServices.GetService<RequestContext>();
        LogAccessDenied(
            _logger, kind, status, context.Request.Method, context.Request.Path.Value ?? "", request?.UserId, request?.TenantId,
            context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>A masked address and the first 12 hex digits of its SHA-256: enough to correlate, not to read.</summary>
    public static string Account(string? email) =>
        email is null ? "(none)" : $"{EmailAddresses.Mask(email)}#{Secrets.Hash(EmailAddresses.LookupKey(email) ?? email.Trim().ToUpperInvariant())[..12]}";

    private string? Ip => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private string? Path => http.HttpContext?.Request.Path.Value;

    private static void Counted(string kind, int count = 1) => Count.Add(count, new KeyValuePair<string, object?>("kind", kind));

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Security {Kind}: {Reason} for {Account} (user {UserId}) from {Ip} at {Path}")]
    private static partial void LogSignInFailed(ILogger logger, string kind, string reason, string account, Guid? userId, string? ip, string? path);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Security {Kind}: {Scope} attempt for {Account} refused for {RetryAfterSeconds} s from {Ip} at {Path}")]
    private static partial void LogSignInThrottled(ILogger logger, string kind, string scope, string account, int retryAfterSeconds, string? ip, string? path);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Security {Kind}: {Method} for user {UserId} from {Ip} at {Path}")]
    private static partial void LogSecondFactorFailed(ILogger logger, string kind, string method, Guid userId, string? ip, string? path);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Security {Kind}: user {UserId} locked for {RetryAfterSeconds} s from {Ip} at {Path}")]
    private static partial void LogAccountLocked(ILogger logger, string kind, Guid userId, int retryAfterSeconds, string? ip, string? path);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Security {Kind}: failed attempts of user {UserId} cleared by {Reason} from {Ip}")]
    private static partial void LogThrottleLifted(ILogger logger, string kind, string reason, Guid userId, string? ip);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Security {Kind}: a used refresh token of user {UserId} came back; session {SessionId} revoked, from {Ip}")]
    private static partial void LogRefreshTokenReuse(ILogger logger, string kind, Guid userId, Guid sessionId, string? ip);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "Security {Kind}: {Count} session(s) of user {UserId} revoked ({Reason}; session {SessionId}) from {Ip}")]
    private static partial void LogSessionRevoked(ILogger logger, string kind, string reason, Guid userId, Guid? sessionId, int count, string? ip);

    [LoggerMessage(EventId = 9008, Level = LogLevel.Information, Message = "Security {Kind}: {Status} to {HttpMethod} {Path} (user {UserId}, tenant {TenantId}) from {Ip}")]
    private static partial void LogAccessDenied(ILogger logger, string kind, int status, string httpMethod, string path, Guid? userId, Guid? tenantId, string? ip);
}
