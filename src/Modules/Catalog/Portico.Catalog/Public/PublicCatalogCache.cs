using Microsoft.Extensions.Caching.Hybrid;

namespace Portico.Catalog.Public;

/// <summary>
/// The public catalog of a tenant, rendered once per language and kept (HybridCache; Redis as the shared level when
/// configured), so websites polling it cost no database work. Every change to the catalog evicts it.
/// </summary>
internal sealed class PublicCatalogCache(HybridCache cache)
{
    public static readonly string[] Languages = ["en", "ru"];

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    public static string Key(Guid tenantId, string language) => $"catalog-public:{tenantId:N}:{language}";

    public ValueTask<T> GetOrCreateAsync<T>(Guid tenantId, string language, Func<CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(Key(tenantId, language), factory, static (f, ct) => f(ct), Entry, cancellationToken: cancellationToken);

    public async Task EvictAsync(Guid tenantId)
    {
        foreach (var language in Languages)
        {
            await cache.RemoveAsync(Key(tenantId, language));
        }
    }
}
