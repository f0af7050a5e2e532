using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;
using Portico.Files.Storage;

namespace Portico.Files.Records;

/// <summary>
/// Files' share of a tenant purge: the stored content of every file of the tenant (local disk or S3), then the
/// records. Content first, a batch at a time, each batch's records deleted once its content is gone: a crash
/// midway leaves records whose content is partly gone, which the next delivery of the event finishes (a missing
/// key is not an error), never content no record points to.
/// </summary>
internal sealed class FilesTenantErasure(IServiceScopeFactory scopes, ILogger<FilesTenantErasure> logger)
    : TenantErasureSubscriber<FilesDbContext>(scopes, logger)
{
    private const int ContentBatch = 200;

    public override string Name => "files.tenant-erasure";

    protected override async Task BeforeEraseAsync(IServiceProvider services, FilesDbContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IFileStorage>();
        while (true)
        {
            var batch = await context.Files.AsNoTracking().OrderBy(f => f.Id).Take(ContentBatch).Select(f => new { f.Id, f.Key }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var file in batch)
            {
                await storage.DeleteAsync(file.Key, cancellationToken);
            }

            var ids = batch.Select(f => f.Id).ToList();
            await context.Files.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
