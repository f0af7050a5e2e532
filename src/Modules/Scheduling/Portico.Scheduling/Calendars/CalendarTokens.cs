using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portico.Scheduling.Calendars;

/// <summary>The adapters by name.</summary>
internal sealed class CalendarProviderSet(IEnumerable<ICalendarProvider> providers)
{
    public ICalendarProvider? Find(string? name) => providers.FirstOrDefault(p => p.Name == name);

    public ICalendarProvider Get(string name) => Find(name) ?? throw new InvalidOperationException($"No calendar provider {name}.");
}

/// <summary>
/// A connection's OAuth tokens: encrypted at rest with the platform's <see cref="SecretProtector"/>, and calls made
/// with a fresh access token (refreshed with the refresh token when it has expired or the API answers 401, then the
/// call is tried once more). The caller saves the connection afterwards, so a refreshed token is kept.
/// </summary>
internal sealed class CalendarTokens(SecretProtector secrets, CalendarProviderSet providers, TimeProvider clock)
{
    private const string Purpose = "Portico.Scheduling.CalendarToken.v1";

    /// <summary>An access token this close to its expiry is refreshed before use.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public void Store(CalendarConnection connection, CalendarTokenSet tokens)
    {
        connection.AccessToken = secrets.Protect(Purpose, tokens.AccessToken)!;
        if (tokens.RefreshToken is not null)
        {
            connection.RefreshToken = secrets.Protect(Purpose, tokens.RefreshToken);
        }

        connection.AccessTokenExpiresAt = tokens.ExpiresAt;
    }

    public string? RefreshTokenOf(CalendarConnection connection) => secrets.Reveal(Purpose, connection.RefreshToken);

    public async Task<T> CallAsync<T>(CalendarConnection connection, Func<ICalendarProvider, string, Task<T>> call, CancellationToken cancellationToken)
    {
        var provider = providers.Get(connection.Provider);
        if (connection.AccessTokenExpiresAt - Skew <= clock.GetUtcNow() && connection.RefreshToken is not null)
        {
            await RefreshAsync(connection, provider, cancellationToken);
        }

        try
        {
            return await call(provider, secrets.Reveal(Purpose, connection.AccessToken)!);
        }
        catch (CalendarAuthException) when (connection.RefreshToken is not null)
        {
            await RefreshAsync(connection, provider, cancellationToken);
            return await call(provider, secrets.Reveal(Purpose, connection.AccessToken)!);
        }
    }

    public Task CallAsync(CalendarConnection connection, Func<ICalendarProvider, string, Task> call, CancellationToken cancellationToken) =>
        CallAsync(connection, async (provider, token) =>
        {
            await call(provider, token);
            return true;
        }, cancellationToken);

    private async Task RefreshAsync(CalendarConnection connection, ICalendarProvider provider, CancellationToken cancellationToken) =>
        Store(connection, await provider.RefreshAsync(RefreshTokenOf(connection)!, cancellationToken));
}

/// <summary>
/// The platform's own signatures for calendars: the OAuth <c>state</c> (which tenant, staff member and provider a
/// connect link is for, until when) and the ICS feed tokens (tenant, staff member, feed generation). HMAC-SHA256 under
/// a key derived for this purpose only (<see cref="PlatformKeys"/>), compared in constant time.
/// </summary>
internal sealed class CalendarSigner(IConfiguration configuration, IOptions<CalendarOptions> options, TimeProvider clock)
{
    private readonly Lazy<byte[]> _key = new(() => PlatformKeys.Derive(configuration, "portico:scheduling:calendars", options.Value.KeyFile));

    /// <summary>What a connect link was made for.</summary>
    public sealed record ConnectState(Guid TenantId, string TenantSlug, Guid StaffId, string Provider);

    public string IssueState(ConnectState state)
    {
        var expires = clock.GetUtcNow().Add(options.Value.StateLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', "s1", state.TenantId.ToString("N"), state.TenantSlug, state.StaffId.ToString("N"), state.Provider, expires, nonce)));
        return payload + "." + Sign("state\n" + payload);
    }

    /// <summary>The state's facts, or null when it is missing, forged, altered or expired.</summary>
    public ConnectState? ReadState(string? state)
    {
        if (state is not { Length: > 0 and <= 1000 } || state.Split('.') is not [var payload, var signature]
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign("state\n" + payload)), Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Split('\n');
        if (parts is not ["s1", var tenant, var slug, var staff, var provider, var expires, _]
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || clock.GetUtcNow().ToUnixTimeSeconds() > at)
        {
            return null;
        }

        return new ConnectState(Guid.ParseExact(tenant, "N"), slug, Guid.ParseExact(staff, "N"), provider);
    }

    /// <summary>A feed token: 36 bytes of tenant, staff and generation, and 16 of their HMAC, in base64url (no dots).</summary>
    public string IssueFeedToken(Guid tenantId, Guid staffId, int generation)
    {
        var bytes = new byte[52];
        tenantId.TryWriteBytes(bytes.AsSpan(0, 16));
        staffId.TryWriteBytes(bytes.AsSpan(16, 16));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(32, 4), generation);
        HMACSHA256.HashData(_key.Value, Feed(bytes.AsSpan(0, 36))).AsSpan(0, 16).CopyTo(bytes.AsSpan(36));
        return Base64Url.EncodeToString(bytes);
    }

    public (Guid TenantId, Guid StaffId, int Generation)? ReadFeedToken(string? token)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (token is not { Length: 70 } || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var length) || length != 52)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key.Value, Feed(bytes[..36]));
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, 16), bytes.Slice(36, 16))
            ? (new Guid(bytes[..16]), new Guid(bytes.Slice(16, 16)), BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(32, 4)))
            : null;
    }

    private static byte[] Feed(ReadOnlySpan<byte> payload) => [.. "feed\n"u8, .. payload];

    private string Sign(string message) => Base64Url.EncodeToString(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(message)));
}
