using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Data;
using Portico.Files.Contracts;
using Portico.Files.Downloads;
using Portico.Files.Records;
using Portico.Files.SignedUrls;
using Portico.Files.Storage;
using Portico.Files.Uploads;
using Portico.Kernel.Modules;

namespace Portico.Files;

/// <summary>
/// Files: uploads sniffed and size-limited, stored under tenant-scoped keys on local disk or in an
/// S3-compatible store, served through authorized downloads and short-lived signed links. Other
/// modules use <see cref="IFileStore"/>.
/// </summary>
public sealed class FilesModule : IModule
{
    public string Name => "files";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => Contracts.FilesPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<FilesDbContext>();
        services.AddModuleHandlers(typeof(FilesModule).Assembly);
        services.AddOptions<FilesOptions>().Bind(configuration.GetSection(FilesOptions.Section))
            .Validate(o => o.MaxBytes > 0, "Portico:Files:MaxBytes must be positive.")
            .Validate(o => o.AllowedContentTypes.All(t => t.Contains('/', StringComparison.Ordinal)), "Portico:Files:AllowedContentTypes must list content types such as image/png.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || UrlSigner.IsKey(o.SigningKey), "Portico:Files:SigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.Provider != FileStorageProvider.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket), "Portico:Files:S3:Bucket is required with Provider S3.")
            .Validate(o => string.IsNullOrEmpty(o.S3.AccessKey) == string.IsNullOrEmpty(o.S3.SecretKey), "Portico:Files:S3 needs both AccessKey and SecretKey, or neither.")
            .Validate(o => string.IsNullOrWhiteSpace(o.S3.ServiceUrl) || Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _), "Portico:Files:S3:ServiceUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<LocalDiskStorage>();
        services.AddSingleton<S3Storage>();
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<IOptions<FilesOptions>>().Value.Provider == FileStorageProvider.S3
            ? sp.GetRequiredService<S3Storage>()
            : sp.GetRequiredService<LocalDiskStorage>());
        services.AddSingleton<UrlSigner>();
        services.AddScoped<IFileStore, FileStore>();
        services.AddSingleton(new Portico.Console.Shell.ConsoleTranslation(Pages.FilesTexts.Russian));
        services.AddSingleton(new Portico.Console.Shell.ConsoleNavItem(Portico.Console.Shell.NavSection.Work, "Files", "/files", MudBlazor.Icons.Material.Filled.Folder, 80, Permission: FilesPermissions.Read));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Files");
        UploadFile.Map(tenants);
        ListFiles.Map(tenants);
        GetFile.Map(tenants);
        DownloadFile.Map(tenants);
        CreateSignedUrl.Map(tenants);
        DeleteFile.Map(tenants);
        DownloadSigned.Map(api);
    }
}
