using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// Which work orders the caller may see and touch. Members with the <c>Mechanic</c> role see only orders where they are
/// the order's mechanic or the mechanic of a stage, and work only on those stages; anything else answers 404 as if it
/// did not exist. Every order query of a handler starts from <see cref="Visible"/>.
/// </summary>
internal sealed class WorkOrderAccess(WorkOrdersDbContext db, RequestContext request, IMembershipDirectory members)
{
    /// <summary>Roles whose members can be assigned to orders and stages.</summary>
    public static readonly string[] AssignableRoles = [Roles.Owner, Roles.Admin, Roles.Manager, Roles.Mechanic];

    public bool IsMechanic => request.Access?.Role == Roles.Mechanic;

    public Guid? UserId => request.UserId;

    public IQueryable<WorkOrder> Visible()
    {
        if (!IsMechanic)
        {
            return db.Orders;
        }

        var me = request.UserId ?? Guid.Empty;
        return db.Orders.Where(o => o.MechanicId == me || db.Stages.Any(s => s.OrderId == o.Id && s.MechanicId == me));
    }

    /// <summary>The order if the caller may see it; 404 otherwise (another tenant's, or not a mechanic's own).</summary>
    public async Task<WorkOrder> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        await Visible().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("WorkOrder", orderId);

    /// <summary>A mechanic works only on stages that are theirs; others with the work permission on any stage.</summary>
    public bool MayWorkOn(WorkOrderStage stage) => !IsMechanic || stage.MechanicId == request.UserId;

    /// <summary>Checks that a user can be assigned: a member of this tenant whose role can do the work (422 otherwise).</summary>
    public async Task CheckAssignableAsync(Guid mechanicId, string field, CancellationToken cancellationToken)
    {
        var assignable = await members.ListMembersAsync(request.RequiredTenantId, AssignableRoles, cancellationToken);
        if (!assignable.Any(m => m.UserId == mechanicId))
        {
            throw ValidationException.For(field, "is not a member of this workshop who can be assigned work (Mechanic, Manager, Admin or Owner).");
        }
    }
}
