using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data.Auditing;
using Portico.Data.Caching;
using Portico.Data.Security;

namespace Portico.Data;

public static class DataServices
{
    /// <summary>Binds database settings and registers the migrator, the audit reader and the tenant session interceptor.</summary>
    public static IServiceCollection AddPorticoData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("Portico") ?? o.ConnectionString;
                o.MigrationsConnectionString = configuration.GetConnectionString("PorticoMigrations") ?? o.MigrationsConnectionString;
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "ConnectionStrings:Portico must not be empty.")
            .ValidateOnStart();
        services.AddContextCache(configuration);
        services.AddSingleton<DatabaseConnections>();
        services.AddScoped<RequestConnection>();
        services.AddScoped<DatabaseStatements>();
        services.AddScoped<TenantSessionInterceptor>();
        services.AddScoped<AuditLogReader>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddModuleDbContext<PlatformDbContext>();
        services.AddPorticoDataProtection(configuration);
        return services;
    }
}
