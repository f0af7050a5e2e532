using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portico.Data;
using Portico.Data.Idempotency;
using Portico.Kernel.Errors;
using Portico.Kernel.Security;
using Portico.Kernel.Tenancy;

namespace Portico.Server.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST and PATCH: the first response is stored for 24 hours; a retry
/// with the same key and body gets that response again (with <c>Idempotency-Replayed: true</c>);
/// the same key with another body is a 422; a retry while the first is still running is a 409.
/// Keys are scoped to the caller, so two users cannot collide. Server errors are not stored, so
/// a retry after a 5xx runs again. A record left pending by a crashed request is reclaimed after a
/// minute. Sign-in routes are excluded: their responses carry credentials that must not be stored.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext http, RequestContext request, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)
            || !(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method))
            || http.Request.Path.StartsWithSegments("/api/v1/auth"))
        {
            await next(http);
            return;
        }

        if (key.Length > 255)
        {
            throw new BadRequestException("Idempotency-Key must be at most 255 characters.", "invalid-idempotency-key");
        }

        var db = http.RequestServices.GetRequiredService<PlatformDbContext>();
        // Anonymous callers are told apart by address, so two strangers cannot replay each other's answers.
        var caller = request.Actor == "anonymous" ? $"anonymous@{http.Connection.RemoteIpAddress}" : request.Actor;
        var scope = Sha256Hex($"{caller}\n{http.Request.Method} {http.Request.Path}\n{key}");
        var requestHash = await HashRequestAsync(http.Request);
        var now = clock.GetUtcNow();

        var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Scope == scope, http.RequestAborted);
        if (existing is not null && (existing.ExpiresAt <= now || (!existing.Completed && existing.CreatedAt + AbandonedAfter <= now)))
        {
            db.IdempotencyRecords.Remove(existing);
            await db.SaveChangesAsync(http.RequestAborted);
            existing = null;
        }

        if (existing is not null)
        {
            await AnswerRetryAsync(http, existing, requestHash);
            return;
        }

        var record = new IdempotencyRecord { Scope = scope, RequestHash = requestHash, ExpiresAt = now + Retention };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (ConflictException)
        {
            // Another request with this key got in first, between our read and our insert.
            throw new ConflictException("A request with this Idempotency-Key is still being processed. Retry shortly.", "idempotency-in-progress");
        }

        await RunAndStoreAsync(http, db, record);
    }

    private static async Task AnswerRetryAsync(HttpContext http, IdempotencyRecord existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
        {
            throw new ValidationException(new Dictionary<string, string[]>
            {
                [Header] = ["was already used with a different request. Use a new key for a new request."],
            });
        }

        if (!existing.Completed)
        {
            throw new ConflictException("A request with this Idempotency-Key is still being processed. Retry shortly.", "idempotency-in-progress");
        }

        http.Response.StatusCode = existing.StatusCode;
        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (existing.ContentType is not null)
        {
            http.Response.ContentType = existing.ContentType;
        }

        if (existing.Location is not null)
        {
            http.Response.Headers.Location = existing.Location;
        }

        if (existing.ETag is not null)
        {
            http.Response.Headers.ETag = existing.ETag;
        }

        if (existing.Body is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(http.RequestServices.GetRequiredService<SecretProtector>().Reveal(SecretPurposes.IdempotentResponse, body), http.RequestAborted);
        }
    }

    private async Task RunAndStoreAsync(HttpContext http, PlatformDbContext db, IdempotencyRecord record)
    {
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var succeeded = false;
        try
        {
            await next(http);
            succeeded = http.Response.StatusCode < 500;
        }
        finally
        {
            http.Response.Body = original;
            // Stored with a fresh unit of work: the handler may have failed half way.
            db.ChangeTracker.Clear();
            if (succeeded)
            {
                db.Attach(record);
                record.Completed = true;
                record.StatusCode = http.Response.StatusCode;
                record.ContentType = http.Response.ContentType;
                record.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
                record.ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null;
                // Encrypted: the answer may hold a tenant's personal data, and this table has no tenant to fence it by.
                record.Body = http.RequestServices.GetRequiredService<SecretProtector>().Protect(SecretPurposes.IdempotentResponse, buffer.ToArray());
            }
            else
            {
                db.Remove(record);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
