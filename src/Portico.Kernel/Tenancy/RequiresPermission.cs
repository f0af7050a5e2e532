namespace Portico.Kernel.Tenancy;

/// <summary>
/// Declares the permission a use case needs, on its <c>Handler</c>. The handler cannot be resolved
/// without it: <see cref="Modules.ModuleServices.AddModuleHandlers"/> checks <see cref="RequestContext.Demand"/>
/// when any caller (endpoint, console, queue, test) asks for it, and tenant endpoints that use the handler
/// carry the same requirement so the API refuses before reading a body.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}
