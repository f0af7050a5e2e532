using MailKit.Security;

namespace Portico.Mail;

/// <summary>Mail settings, bound from <c>Portico:Mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "Portico:Mail";

    public string FromAddress { get; set; } = "no-reply@portico.local";

    public string FromName { get; set; } = "Portico";

    /// <summary>Where messages go as <c>.eml</c> files while <see cref="SmtpMailOptions.Host"/> is not set.</summary>
    public string PickupDirectory { get; set; } = "./data/mail";

    public SmtpMailOptions Smtp { get; set; } = new();
}

/// <summary>SMTP relay settings, bound from <c>Portico:Mail:Smtp</c>.</summary>
public sealed class SmtpMailOptions
{
    /// <summary>The relay host. When empty, mail is written to the pickup folder instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>When empty, the relay is used without authentication (e.g. a trusted internal relay).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// <c>auto</c> (STARTTLS when offered, TLS on connect for port 465), <c>none</c>, <c>starttls</c> (required) or <c>ssl</c> (TLS on connect).
    /// </summary>
    public string Security { get; set; } = "auto";

    internal static bool TryParseSecurity(string? value, out SecureSocketOptions options)
    {
        options = value?.Trim().ToUpperInvariant() switch
        {
            "AUTO" => SecureSocketOptions.Auto,
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "SSL" => SecureSocketOptions.SslOnConnect,
            _ => (SecureSocketOptions)(-1),
        };
        return Enum.IsDefined(options);
    }
}
