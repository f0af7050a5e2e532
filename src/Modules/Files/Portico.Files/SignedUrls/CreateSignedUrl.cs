using System.Globalization;
using Portico.Files.Contracts;

namespace Portico.Files.SignedUrls;

/// <summary>A short-lived link that downloads one file without signing in (for an &lt;img&gt;, a mail client, a provider).</summary>
internal static class CreateSignedUrl
{
    internal sealed record Request(int? LifetimeSeconds);

    internal sealed class Handler(FilesDbContext db, UrlSigner signer, PublicLinks links, TimeProvider clock)
    {
        public async Task<SignedFileUrl> HandleAsync(Guid fileId, TimeSpan lifetime, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(lifetime > TimeSpan.Zero && lifetime <= UrlSigner.MaxLifetime, "lifetimeSeconds",
                    $"must be between 1 and {UrlSigner.MaxLifetime.TotalSeconds} seconds.")
                .ThrowIfInvalid();
            if (!await db.Files.AnyAsync(f => f.Id == fileId, cancellationToken))
            {
                throw new NotFoundException("File", fileId);
            }

            // Whole seconds, rounded up, so the link lives at least as long as asked.
            var expires = (clock.GetUtcNow() + lifetime).ToUnixTimeMilliseconds();
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds((expires + 999) / 1000);
            var seconds = expiresAt.ToUnixTimeSeconds();
            var query = string.Create(CultureInfo.InvariantCulture, $"?expires={seconds}&sig={signer.Sign(fileId, seconds)}");
            return new SignedFileUrl(links.To($"{DownloadSigned.Path}/{fileId:D}{query}"), expiresAt);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/files/{id:guid}/signed-url", async Task<Ok<SignedFileUrl>> (Guid id, Request? request, Handler handler, CancellationToken ct) =>
        {
            var lifetime = request?.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : UrlSigner.DefaultLifetime;
            return TypedResults.Ok(await handler.HandleAsync(id, lifetime, ct));
        })
        .RequirePermission(Files.Contracts.FilesPermissions.Read)
        .WithName("CreateSignedFileUrl")
        .WithSummary("A link that downloads the file anonymously until it expires (body optional: lifetimeSeconds, default 300, at most 3600)")
        .WithTags("Files");
}
