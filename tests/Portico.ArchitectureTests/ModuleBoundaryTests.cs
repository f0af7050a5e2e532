using System.Reflection;
using Portico.Data;
using Portico.Kernel.Modules;

namespace Portico.ArchitectureTests;

/// <summary>
/// The module rules from docs/architecture.md, checked on the compiled assemblies. Modules are
/// discovered from the folder tree (every project under src/Modules), so a module added tomorrow
/// is checked without editing this file.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = FindRoot();

    private static readonly Assembly[] ModuleAssemblies = Directory
        .EnumerateFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories)
        .Select(path => Assembly.Load(Path.GetFileNameWithoutExtension(path)))
        .ToArray();

    private static readonly HashSet<string> ModuleNames = ModuleAssemblies.Select(a => a.GetName().Name!).ToHashSet();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portico.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portico.slnx not found above the test output.");
    }

    private static bool IsContracts(Assembly assembly) => assembly.GetName().Name!.EndsWith(".Contracts", StringComparison.Ordinal);

    private static IEnumerable<string> PorticoReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Portico", StringComparison.Ordinal));

    [Fact]
    public void Modules_are_discovered_from_the_folder_tree()
    {
        ModuleNames.ShouldContain("Portico.Identity");
        ModuleNames.ShouldContain("Portico.Identity.Contracts");
        ModuleNames.ShouldContain("Portico.Tenancy");
        ModuleNames.ShouldContain("Portico.Audit");
    }

    [Fact]
    public void The_kernel_references_no_module_and_no_infrastructure()
    {
        PorticoReferences(typeof(IModule).Assembly).ShouldBeEmpty();
    }

    [Fact]
    public void The_data_layer_references_only_the_kernel()
    {
        PorticoReferences(typeof(ModuleDbContext).Assembly).ShouldBe(["Portico.Kernel"]);
    }

    [Fact]
    public void A_module_reaches_another_module_only_through_its_contracts()
    {
        var violations = ModuleAssemblies
            .SelectMany(module => PorticoReferences(module)
                .Where(ModuleNames.Contains)
                .Where(reference => !reference.EndsWith(".Contracts", StringComparison.Ordinal))
                .Select(reference => $"{module.GetName().Name} -> {reference}"))
            .ToList();

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Contracts_reference_only_the_kernel()
    {
        var violations = ModuleAssemblies.Where(IsContracts)
            .SelectMany(contracts => contracts.GetReferencedAssemblies()
                .Select(r => r.Name!)
                .Where(n => n.StartsWith("Portico", StringComparison.Ordinal) && n != "Portico.Kernel"
                    || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
                .Select(n => $"{contracts.GetName().Name} -> {n}"))
            .ToList();

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void A_module_exposes_nothing_public_but_its_registration()
    {
        // Queue handlers and the messages only they handle must be public: the bus compiles code that calls them.
        var exported = ModuleAssemblies.Where(a => !IsContracts(a)).SelectMany(a => a.GetExportedTypes()).ToList();
        var queueMessages = exported
            .Where(t => typeof(Portico.Kernel.Events.IQueueHandler).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods().Where(m => m.Name is "Handle" or "HandleAsync"))
            .Select(m => m.GetParameters()[0].ParameterType)
            .ToHashSet();
        // What a public component takes as a parameter must be public too (the filter builder's filters).
        var componentParameters = exported
            .Where(t => typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties().Where(p => p.IsDefined(typeof(Microsoft.AspNetCore.Components.ParameterAttribute), true)))
            .SelectMany(p => p.PropertyType.IsGenericType ? p.PropertyType.GetGenericArguments().SelectMany(a => a.IsGenericType ? a.GetGenericArguments() : [a]) : [p.PropertyType])
            .ToHashSet();
        var leaks = exported
            .Where(t => !typeof(IModule).IsAssignableFrom(t) && !typeof(Portico.Kernel.Events.IQueueHandler).IsAssignableFrom(t) && !queueMessages.Contains(t))
            // Console pages and components are public for the router; they call the module's internal handlers, no one calls them.
            .Where(t => !typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t) && t.Name != "_Imports" && !componentParameters.Contains(t))
            .Select(t => t.FullName)
            .ToList();

        leaks.ShouldBeEmpty();
    }

    [Fact]
    public void Every_module_context_derives_from_ModuleDbContext_and_owns_a_distinct_schema()
    {
        var contexts = ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        contexts.ShouldNotBeEmpty();
        contexts.ShouldAllBe(t => typeof(ModuleDbContext).IsAssignableFrom(t));
        var schemas = contexts.Select(ModuleSchemaAttribute.Of).Append(ModuleSchemaAttribute.Of(typeof(PlatformDbContext))).ToList();
        schemas.ShouldBeUnique();
    }

    [Fact]
    public void Every_module_with_a_context_ships_migrations_for_both_providers()
    {
        foreach (var context in ModuleAssemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(ModuleDbContext).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var migrations = context.Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>()?.ContextType == context)
                .Select(t => t.Namespace!)
                .ToHashSet();
            migrations.ShouldContain(n => n.EndsWith(".Migrations.Sqlite", StringComparison.Ordinal), context.Name);
            migrations.ShouldContain(n => n.EndsWith(".Migrations.Postgres", StringComparison.Ordinal), context.Name);
        }
    }

    [Fact]
    public void The_host_runs_every_module()
    {
        var hosted = typeof(Portico.Server.PorticoApp).Assembly
            .GetType("Portico.Server.Modules")!
            .GetField("All")!
            .GetValue(null) as IReadOnlyList<IModule>;

        hosted!.Select(m => m.GetType().Assembly.GetName().Name).ShouldBe(
            ModuleNames.Where(n => !n.EndsWith(".Contracts", StringComparison.Ordinal)), ignoreOrder: true);
    }

    [Fact]
    public void Queue_messages_carry_ids_only_never_a_tenants_data()
    {
        // The bus's tables have no tenant column for row-level security to fence, so what a queued message carries is
        // readable without a tenant: ids, the tenant's slug, flags, counts and times only; its handler loads the rest.
        var allowed = new HashSet<Type> { typeof(Guid), typeof(Guid?), typeof(Guid[]), typeof(bool), typeof(int), typeof(long), typeof(DateTimeOffset), typeof(DateTimeOffset?) };
        var allowedStrings = new HashSet<string> { "TenantSlug", "Actor" };
        var messages = ModuleAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(Portico.Kernel.Events.IQueueHandler).IsAssignableFrom(t) && t.IsClass)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "Handle" or "HandleAsync")
            .Select(m => m.GetParameters()[0].ParameterType)
            .Distinct()
            .ToList();

        messages.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var message in messages)
        {
            foreach (var property in message.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                (allowed.Contains(property.PropertyType) || (property.PropertyType == typeof(string) && allowedStrings.Contains(property.Name)))
                    .ShouldBeTrue($"{message.Name}.{property.Name} ({property.PropertyType.Name}) may carry a tenant's data into the bus's unfenced tables: send an id and load the data in the handler.");
            }
        }
    }
}
