namespace Portico.Kernel.Events;

/// <summary>
/// A deleted tenant's grace period is over and Tenancy has removed the tenant: every module now erases the
/// tenant's rows (and Files its stored content). Raised once per tenant by the purge job; handled by each module's
/// erasure subscriber (<c>TenantErasureSubscriber</c>), which is idempotent, so a repeated event does no harm.
/// Never delivered to the tenant's own webhooks, notifications or event stream: the tenant is gone.
/// </summary>
[EventType(Name, Description = "A deleted tenant was purged after its grace period; every module erases its data.")]
public sealed record TenantPurged(Guid TenantId, string Slug)
{
    public const string Name = "tenant.purged";
}
