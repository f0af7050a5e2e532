namespace Portico.Kernel.Tenancy;

/// <summary>
/// The tenant roles. Modules grant their permissions to these roles (<see cref="PermissionGrant"/>);
/// the kernel knows only the names. Endpoints never check role names: they require permissions.
/// </summary>
public static class Roles
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Employee = "Employee";

    /// <summary>A workshop mechanic: sees and works only on the work orders and stages assigned to them.</summary>
    public const string Mechanic = "Mechanic";

    /// <summary>Strongest first.</summary>
    public static readonly string[] All = [Owner, Admin, Manager, Employee, Mechanic];
}
