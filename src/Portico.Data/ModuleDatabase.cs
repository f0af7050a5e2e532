using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Data.Caching;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>What the host needs to know about one module's database: how to migrate it and read its audit log.</summary>
public interface IModuleDatabase
{
    string Schema { get; }

    Type ContextType { get; }
}

internal sealed record ModuleDatabase(string Schema, Type ContextType) : IModuleDatabase;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the configured provider. This one line is all the
    /// persistence set-up a module needs.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext
    {
        var schema = ModuleSchemaAttribute.Of(typeof(TContext));
        services.AddDbContext<TContext>((sp, options) =>
        {
            // Every module's context in a scope shares the scope's one connection (RequestConnection).
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            ModuleDbOptions.Configure(options, database.Provider, sp.GetRequiredService<RequestConnection>().Connection, schema);
            options.AddInterceptors(sp.GetRequiredService<TenantSessionInterceptor>(), sp.GetRequiredService<ContextCacheInvalidation>());
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase(schema, typeof(TContext)));
        return services;
    }
}

/// <summary>Provider set-up shared by the running host, the migrator and design-time tools.</summary>
public static class ModuleDbOptions
{
    /// <summary>Migrations and design-time tools: the context opens, owns and closes a connection of its own.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string schema) =>
        Configure(options, provider, provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(connectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString), schema, ownsConnection: true);

    /// <summary>The running host: the context uses a connection it does not own (the scope's shared one).</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, System.Data.Common.DbConnection connection, string schema, bool ownsConnection = false)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connection, ownsConnection, o => o.MigrationsHistoryTable($"{schema}___migrations"));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connection, ownsConnection, o => o.MigrationsHistoryTable("__migrations", schema));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        options.UseSnakeCaseNamingConvention();
        // A failed statement or save is not logged as an error by EF Core: the expected ones (a unique index refusing
        // the loser of a race, see UniqueRules) become 4xx answers, and an unexpected one reaches the exception handler,
        // which logs it once as a 500 with its request.
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug)));
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>Creates a module context outside dependency injection (migrations, design-time tools), with no tenant.</summary>
    public static ModuleDbContext CreateContext(Type contextType, DatabaseProvider provider, string connectionString)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        Configure(builder, provider, connectionString, ModuleSchemaAttribute.Of(contextType));
        return (ModuleDbContext)Activator.CreateInstance(contextType, builder.Options, new RequestContext())!;
    }
}

/// <summary>
/// Design-time factory for <c>dotnet ef</c>: reads the provider from <c>Portico__Database__Provider</c>
/// so one context produces both migration sets. A module closes it in one line.
/// </summary>
public abstract class ModuleDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var provider = configuration.GetValue("Portico:Database:Provider", DatabaseProvider.Sqlite);
        var connection = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=design" : "Data Source=design.db";
        return (TContext)ModuleDbOptions.CreateContext(typeof(TContext), provider, connection);
    }
}
