using Portico.Identity.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Pages.Orders;

/// <summary>A repair service ticked in the <c>ServicePicker</c>, with the discount as typed.</summary>
public sealed class ServiceChoice(Guid serviceId)
{
    public Guid ServiceId { get; } = serviceId;

    public string? Discount { get; set; }

    /// <summary>The discount as the API takes it: null when blank, a decimal comma read as a point.</summary>
    public string? DiscountInput => string.IsNullOrWhiteSpace(Discount) ? null : Discount.Trim().Replace(',', '.');
}

/// <summary>A member who can be assigned work, for the order page's mechanic pickers.</summary>
internal sealed record AssignableMember(Guid UserId, string Name, string Role);

/// <summary>
/// The members an order or a stage can be assigned to: the tenant's members whose role can do the work (the same roles
/// <see cref="WorkOrderAccess.CheckAssignableAsync"/> accepts), mechanics first, then by name.
/// </summary>
internal static class AssignableMembers
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(IMembershipDirectory members, IUserDirectory users, RequestContext request)
    {
        public async Task<IReadOnlyList<AssignableMember>> HandleAsync(CancellationToken cancellationToken)
        {
            var assignable = await members.ListMembersAsync(request.RequiredTenantId, WorkOrderAccess.AssignableRoles, cancellationToken);
            if (assignable.Count == 0)
            {
                return [];
            }

            var names = (await users.FindByIdsAsync([.. assignable.Select(m => m.UserId)], cancellationToken)).ToDictionary(u => u.Id, u => u.FullName);
            return [.. assignable
                .Select(m => new AssignableMember(m.UserId, names.GetValueOrDefault(m.UserId) ?? m.UserId.ToString(), m.Role))
                .OrderBy(m => m.Role == Roles.Mechanic ? 0 : 1)
                .ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)];
        }
    }
}
