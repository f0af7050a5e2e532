using System.Reflection;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.ArchitectureTests;

/// <summary>
/// Each module declares its permissions and the roles' grants next to its code; the catalog the kernel
/// collects must stay the matrix documented in docs/api.md, and every use case names a declared permission.
/// </summary>
public sealed class PermissionTests
{
    private static readonly IModule[] AllModules = Directory
        .EnumerateFiles(Path.Combine(FindRoot(), "src", "Modules"), "*.csproj", SearchOption.AllDirectories)
        .Select(path => Assembly.Load(Path.GetFileNameWithoutExtension(path)))
        .SelectMany(a => a.GetTypes())
        .Where(t => typeof(IModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .Select(t => (IModule)Activator.CreateInstance(t)!)
        .ToArray();

    private static readonly PermissionCatalog Catalog = new(AllModules.SelectMany(m => m.Permissions));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portico.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portico.slnx not found above the test output.");
    }

    [Fact]
    public void The_collected_matrix_is_the_documented_one()
    {
        string[] everyone = ["tenant.read", "members.read", "crm.read", "crm.write", "events.read", "files.read", "files.write", "messaging.read", "messaging.reply",
            "catalog.read", "scheduling.read", "scheduling.book", "workorders.read", "inventory.read"];
        string[] managers = [.. everyone, "crm.delete", "files.delete", "inventory.write", "workorders.write", "workorders.work", "workorders.reports"];
        string[] admins =
        [
            .. managers, "settings.manage", "members.manage", "billing.manage", "audit.read", "crm.settings",
            "events.publish", "webhooks.manage", "notifications.manage", "messaging.bots",
            "catalog.manage", "scheduling.manage", "workorders.templates",
        ];
        string[] owners = [.. admins, "tenant.delete"];

        Catalog.For(Roles.Owner).Order().ShouldBe(owners.Order());
        Catalog.For(Roles.Admin).Order().ShouldBe(admins.Order());
        Catalog.For(Roles.Manager).Order().ShouldBe(managers.Order());
        Catalog.For(Roles.Employee).Order().ShouldBe(everyone.Order());
        // A mechanic reads and works on the work orders assigned to them, and nothing else.
        Catalog.For(Roles.Mechanic).Order().ShouldBe(["tenant.read", "workorders.read", "workorders.work"]);
        Catalog.All.Order().ShouldBe(owners.Order());
    }

    [Fact]
    public void Every_documented_permission_is_declared_and_every_declared_one_documented()
    {
        var api = File.ReadAllText(Path.Combine(FindRoot(), "docs", "api.md"));
        foreach (var permission in Catalog.All)
        {
            api.ShouldContain($"| `{permission}` |");
        }
    }

    [Fact]
    public void Every_required_permission_on_a_handler_is_declared()
    {
        var handlers = AllModules
            .Select(m => m.GetType().Assembly)
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Required: t.GetCustomAttribute<RequiresPermissionAttribute>()))
            .Where(h => h.Required is not null)
            .ToList();

        handlers.ShouldNotBeEmpty();
        handlers.Where(h => !Catalog.All.Contains(h.Required!.Permission))
            .Select(h => $"{h.Type.FullName}: {h.Required!.Permission}")
            .ShouldBeEmpty();
    }
}
