using Portico.Audit;
using Portico.Identity;
using Portico.Kernel.Modules;
using Portico.Tenancy;

namespace Portico.Server;

/// <summary>Every module the host runs, in start-up order. Adding a module is one line here.</summary>
internal static class Modules
{
    public static readonly IReadOnlyList<IModule> All =
    [
        new IdentityModule(),
        new TenancyModule(),
        new AuditModule(),
    ];
}
