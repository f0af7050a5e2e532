namespace Portico.WorkOrders.Contracts;

/// <summary>The workshop's names other modules may refer to; its events and queries will join them here.</summary>
public static class WorkOrdersSchema
{
    /// <summary>The database schema the WorkOrders module owns.</summary>
    public const string Name = "workorders";
}
