using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;

namespace Portico.Messaging.Inbound;

/// <summary>
/// What the webhook needs to know of a bot on every update (its tenant and its secret's hash), kept in memory for a
/// few seconds: thousands of updates a second must not cost a query each. Activating, deactivating or deleting a bot
/// forgets it at once on this instance; other instances see it within <see cref="Lifetime"/>. Unknown ids are not
/// remembered (they would let anyone fill the memory).
/// </summary>
internal sealed class BotDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    internal sealed record Entry(Guid BotId, Guid TenantId, string? SecretHash, DateTimeOffset LoadedAt)
    {
        // The hash's bytes, decoded once per load rather than on every update.
        private readonly byte[]? _hash = SecretHash is { Length: 64 } hex ? Convert.FromHexString(hex) : null;

        /// <summary>Whether the header Telegram sent matches the stored hash (<see cref="BotTokens.HashOf"/>), in constant time and without allocating.</summary>
        public bool SecretMatches(string? presented)
        {
            if (_hash is null || presented is not { Length: > 0 and <= 256 })
            {
                return false;
            }

            Span<byte> utf8 = stackalloc byte[256 * 3];
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(presented, utf8)], hash);
            return CryptographicOperations.FixedTimeEquals(hash, _hash);
        }
    }

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, Entry> _bots = new();

    public async Task<Entry?> FindAsync(Guid botId, CancellationToken cancellationToken)
    {
        if (_bots.TryGetValue(botId, out var known) && clock.GetUtcNow() - known.LoadedAt < Lifetime)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor(ReceiveTelegramUpdate.Actor);
        context.EnterPlatformScope();
        var bot = await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Bots.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.Id == botId)
            .Select(b => new { b.TenantId, Hash = b.Status == BotStatuses.Inactive ? null : b.WebhookSecretHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (bot is null)
        {
            _bots.TryRemove(botId, out _);
            return null;
        }

        var entry = new Entry(botId, bot.TenantId, bot.Hash, clock.GetUtcNow());
        _bots[botId] = entry;
        return entry;
    }

    public void Forget(Guid botId) => _bots.TryRemove(botId, out _);
}
