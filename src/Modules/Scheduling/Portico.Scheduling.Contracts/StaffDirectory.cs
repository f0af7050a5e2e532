namespace Portico.Scheduling.Contracts;

/// <summary>The current tenant's staff profiles as other modules need them (the Catalog checks who may perform a service).</summary>
public interface IStaffDirectory
{
    /// <summary>Those of <paramref name="staffIds"/> that are staff profiles of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken);
}
