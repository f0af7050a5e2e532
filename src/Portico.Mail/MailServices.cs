using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portico.Kernel.Mail;

namespace Portico.Mail;

/// <summary>Registers the <see cref="IMailSender"/> adapter.</summary>
public static class MailServices
{
    /// <summary>
    /// Binds <c>Portico:Mail</c> and registers <see cref="IMailSender"/>: SMTP when <c>Portico:Mail:Smtp:Host</c> is set,
    /// otherwise the pickup folder.
    /// </summary>
    public static IServiceCollection AddPorticoMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => IsBareAddress(o.FromAddress), "Portico:Mail:FromAddress must be an email address.")
            .Validate(o => SmtpMailOptions.TryParseSecurity(o.Smtp.Security, out _), "Portico:Mail:Smtp:Security must be one of auto, none, starttls, ssl.")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Portico:Mail:Smtp:Port must be between 1 and 65535.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory), "Portico:Mail:PickupDirectory must not be empty.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Chosen when first resolved rather than now, so a test host's configuration overrides decide it.
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
            ? ActivatorUtilities.CreateInstance<PickupFolderMailSender>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailSender>(sp));
        return services;
    }

    private static bool IsBareAddress(string? value) =>
        // MailAddress also accepts "Name <a@b>"; the name has its own setting, so only the bare address is allowed.
        MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.Ordinal);
}
