using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Files;

/// <summary>
/// A local stand-in for an S3-compatible object store, path-style (<c>/{bucket}/{key}</c>): PutObject,
/// GetObject and DeleteObject. Like S3 it refuses any request whose AWS Signature Version 4 does not
/// check out: the <c>Authorization</c> header must name the access key and a scope of today's date, the
/// region and <c>s3</c>, sign at least host, <c>x-amz-date</c> and <c>x-amz-content-sha256</c>, and carry
/// the signature S3 would compute with the secret key; the payload must match its declared SHA-256.
/// It records what it stored and what it refused.
/// </summary>
public sealed partial class FakeS3 : IAsyncDisposable
{
    public const string AccessKey = "portico-test-access-key";
    public const string SecretKey = "portico/test/secret/key/for/the/fake/s3";
    public const string Region = "eu-central-1";
    public const string Bucket = "portico-files";

    private readonly ConcurrentDictionary<string, StoredObject> _objects = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _app;

    public sealed record StoredObject(byte[] Content, string ContentType);

    public string Url { get; private set; } = "";

    /// <summary>Objects by key.</summary>
    public IReadOnlyDictionary<string, StoredObject> Objects => _objects;

    /// <summary>Why requests were refused (empty when every request was properly signed).</summary>
    public IReadOnlyList<string> Refused => _refused.ToList();

    /// <summary>"METHOD key" of every accepted request, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    public async Task StartAsync() =>
        (_app, Url) = await LoopbackHost.StartAsync(app => app.MapMethods("/{bucket}/{**key}", ["PUT", "GET", "HEAD", "DELETE"], HandleAsync));

    private async Task<IResult> HandleAsync(string bucket, string key, HttpContext http)
    {
        var request = http.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();

        if (CheckSignature(http, body) is { } problem)
        {
            _refused.Enqueue($"{request.Method} {key}: {problem}");
            return Error(403, "SignatureDoesNotMatch", problem);
        }

        if (bucket != Bucket)
        {
            return Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }

        _requests.Enqueue($"{request.Method} {key}");
        switch (request.Method)
        {
            case "PUT":
                _objects[key] = new StoredObject(body, request.ContentType ?? "binary/octet-stream");
                http.Response.Headers.ETag = ETag(body);
                return Results.Ok();
            case "DELETE":
                _objects.TryRemove(key, out _);
                return Results.NoContent();
            default:
                if (!_objects.TryGetValue(key, out var stored))
                {
                    return Error(404, "NoSuchKey", "The specified key does not exist.");
                }

                http.Response.Headers.ETag = ETag(stored.Content);
                http.Response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
                return Results.Bytes(stored.Content, stored.ContentType);
        }
    }

    /// <summary>Null when the request is signed as S3 requires; otherwise what is wrong.</summary>
    private static string? CheckSignature(HttpContext http, byte[] body)
    {
        var request = http.Request;
        var match = AuthorizationHeader().Match(request.Headers.Authorization.ToString());
        if (!match.Success)
        {
            return "Authorization is not 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...'.";
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        var (accessKey, date, region, service) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        if (accessKey != AccessKey)
        {
            return $"Unknown access key '{accessKey}'.";
        }

        if (amzDate.Length != 16 || !amzDate.StartsWith(date, StringComparison.Ordinal) || region != Region || service != "s3")
        {
            return $"Bad credential scope {date}/{region}/{service} for x-amz-date '{amzDate}'.";
        }

        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 15)
        {
            return $"x-amz-date '{amzDate}' is missing or more than 15 minutes off.";
        }

        foreach (var required in new[] { "host", "x-amz-date", "x-amz-content-sha256" })
        {
            if (!signedHeaders.Contains(required))
            {
                return $"SignedHeaders does not include {required}.";
            }
        }

        if (payloadHash.StartsWith("STREAMING-", StringComparison.Ordinal) || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.Ordinal))
        {
            return "aws-chunked streaming payloads are not supported by this store.";
        }

        if (payloadHash != "UNSIGNED-PAYLOAD" && payloadHash != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            return "x-amz-content-sha256 does not match the payload.";
        }

        var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryAt = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? rawTarget : rawTarget[..queryAt];
        var query = queryAt < 0 ? "" : string.Join('&', rawTarget[(queryAt + 1)..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));
        var headers = string.Concat(signedHeaders.Select(h => $"{h}:{HeaderValue(request, h)}\n"));
        var canonicalRequest = $"{request.Method}\n{path}\n{query}\n{headers}\n{string.Join(';', signedHeaders)}\n{payloadHash}";
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? null
            : "The signature does not match the canonical request.";
    }

    private static string HeaderValue(HttpRequest request, string name) => name switch
    {
        "host" => request.Host.Value ?? "",
        "content-length" => request.ContentLength?.ToString(CultureInfo.InvariantCulture) ?? "0",
        _ => Spaces().Replace(string.Join(',', request.Headers[name].Select(v => v?.Trim())), " "),
    };

#pragma warning disable CA5351 // S3's ETag of a simple upload is the MD5 of the content
    private static string ETag(byte[] content) => $"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"";
#pragma warning restore CA5351

    private static IResult Error(int status, string code, string message) => Results.Content(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message><RequestId>{Guid.NewGuid():N}</RequestId></Error>",
        "application/xml", Encoding.UTF8, status);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request,\s*SignedHeaders=(?<headers>[a-z0-9;-]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
