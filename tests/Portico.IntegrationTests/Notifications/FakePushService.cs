using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>A P-256 key pair in the base64url forms Web Push uses: the uncompressed public point and the private scalar.</summary>
public sealed record P256Keys(string PublicKey, string PrivateKey, ECParameters Parameters)
{
    public static P256Keys Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new P256Keys(Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url.EncodeToString(parameters.D!), parameters);
    }

    public static ECParameters PublicParameters(byte[] uncompressedPoint) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = uncompressedPoint[1..33], Y = uncompressedPoint[33..65] },
    };
}

/// <summary>A browser's push subscription: its endpoint at the push service and the keys a message is encrypted for.</summary>
public sealed record BrowserSubscription(string Endpoint, P256Keys Keys, byte[] AuthSecret)
{
    public object ToJson() => new { endpoint = Endpoint, expirationTime = (long?)null, keys = new { p256dh = Keys.PublicKey, auth = Base64Url.EncodeToString(AuthSecret) } };
}

/// <summary>
/// A local push service (RFC 8030) checking what FCM and Mozilla autopush check: <c>Authorization: vapid t=&lt;JWT&gt;, k=&lt;key&gt;</c>
/// (RFC 8292: the key is the server's VAPID public key, the JWT is ES256-signed by it, its <c>aud</c> is this
/// service's origin, <c>exp</c> within 24 hours, a <c>sub</c> contact), <c>Content-Encoding: aes128gcm</c>, a
/// <c>TTL</c>. It decrypts the body as the browser would (RFC 8291 and 8188) and keeps the plain text; an
/// unknown or unsubscribed endpoint answers 410 Gone.
/// </summary>
public sealed class FakePushService(string vapidPublicKey) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, BrowserSubscription> _subscriptions = new();
    private readonly ConcurrentQueue<(string Endpoint, JsonElement Payload)> _received = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<(string Endpoint, JsonElement Payload)> Received => _received.ToList();

    /// <summary>A browser subscribing: new keys and an endpoint this service delivers to.</summary>
    public BrowserSubscription Subscribe()
    {
        var subscription = new BrowserSubscription($"{Url}/push/{Guid.NewGuid():N}", P256Keys.Create(), RandomNumberGenerator.GetBytes(16));
        _subscriptions[subscription.Endpoint] = subscription;
        return subscription;
    }

    /// <summary>The browser dropped the subscription: its endpoint now answers 410.</summary>
    public void Expire(BrowserSubscription subscription) => _subscriptions.TryRemove(subscription.Endpoint, out _);

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app => app.MapPost("/push/{id}", async (HttpRequest request) =>
        {
            var endpoint = $"{Url}{request.Path}";
            if (CheckVapid(request.Headers.Authorization.ToString()) is { } unauthorized)
            {
                return Results.Text(unauthorized, statusCode: 401);
            }

            if (request.Headers.ContentEncoding.ToString() != "aes128gcm" || !int.TryParse(request.Headers["TTL"], out var ttl) || ttl < 0)
            {
                return Results.Text("Content-Encoding aes128gcm and a TTL are required", statusCode: 400);
            }

            if (!_subscriptions.TryGetValue(endpoint, out var subscription))
            {
                return Results.Text("subscription expired", statusCode: 410);
            }

            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var plain = Decrypt(body.ToArray(), subscription);
            if (plain is null)
            {
                return Results.Text("cannot decrypt", statusCode: 400);
            }

            _received.Enqueue((endpoint, JsonDocument.Parse(plain).RootElement.Clone()));
            return Results.Created($"{Url}/messages/{Guid.NewGuid():N}", null);
        }));
    }

    private string? CheckVapid(string authorization)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return "missing vapid authorization";
        }

        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parameters.TryGetValue("t", out var jwt) || !parameters.TryGetValue("k", out var key) || key != vapidPublicKey)
        {
            return "vapid t and k are required, k being the application server key";
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "malformed JWT";
        }

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        if (header.GetProperty("alg").GetString() != "ES256")
        {
            return "alg must be ES256";
        }

        using var ecdsa = ECDsa.Create(P256Keys.PublicParameters(Base64Url.DecodeFromChars(key)));
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
        {
            return "bad JWT signature";
        }

        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        // aud names this push service. Lib.Net.Http.WebPush writes the origin without its port, which is the
        // origin itself for every real push service (they listen on 443); this one runs on a loopback port.
        var origin = new Uri(Url);
        var aud = claims.GetProperty("aud").GetString();
        if ((aud != Url && aud != $"{origin.Scheme}://{origin.Host}") || exp < DateTimeOffset.UtcNow || exp > DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1))
        {
            return $"aud must be the push service origin and exp within 24 hours: {claims.GetRawText()}";
        }

        var sub = claims.TryGetProperty("sub", out var s) ? s.GetString() : null;
        return sub?.StartsWith("mailto:", StringComparison.Ordinal) == true || sub?.StartsWith("https:", StringComparison.Ordinal) == true ? null : "sub must be mailto: or https:";
    }

    /// <summary>RFC 8291: ECDH with the sender's key from the header, HKDF with the auth secret, then one aes128gcm record (RFC 8188).</summary>
    private static byte[]? Decrypt(byte[] body, BrowserSubscription subscription)
    {
        if (body.Length < 21 + 65 + 17 || body[20] != 65)
        {
            return null;
        }

        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var senderKey = body[21..86];
        var cipher = body[86..];
        if (cipher.Length > recordSize)
        {
            return null;
        }

        using var browser = ECDiffieHellman.Create(subscription.Keys.Parameters);
        using var sender = ECDiffieHellman.Create(P256Keys.PublicParameters(senderKey));
        var shared = browser.DeriveRawSecretAgreement(sender.PublicKey);
        var browserKey = Base64Url.DecodeFromChars(subscription.Keys.PublicKey);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, subscription.AuthSecret, [.. "WebPush: info\0"u8, .. browserKey, .. senderKey]);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[cipher.Length - 16];
        try
        {
            using var aes = new AesGcm(cek, 16);
            aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        // The last record ends with the delimiter 0x02 and optional zero padding.
        var end = Array.FindLastIndex(plain, b => b != 0);
        return end >= 0 && plain[end] == 2 ? plain[..end] : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
