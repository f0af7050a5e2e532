using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Crm.Records;

/// <summary>The CRM's share of a tenant purge: contacts, leads, deals, pipelines, activities, custom data, forms, imports, search rows.</summary>
internal sealed class CrmTenantErasure(IServiceScopeFactory scopes, ILogger<CrmTenantErasure> logger)
    : TenantErasureSubscriber<CrmDbContext>(scopes, logger)
{
    public override string Name => "crm.tenant-erasure";
}
