using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Mail;

namespace Portico.Mail;

/// <summary>Delivers through an SMTP relay with MailKit.</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<SmtpMailSender> logger) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("Portico:Mail:Smtp:Host is not set.");
        if (!SmtpMailOptions.TryParseSecurity(smtp.Security, out var security))
        {
            throw new InvalidOperationException($"Portico:Mail:Smtp:Security '{smtp.Security}' is not one of auto, none, starttls, ssl.");
        }

        var message = MailMessages.Create(mail, settings, time.GetUtcNow());

        // A client per message: SmtpClient is not thread-safe, and mail is too rare here to justify a pool
        // whose idle connections the relay would drop anyway.
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);

        // The Message-Id, not the address: it finds the message in the relay's log without putting personal data in ours.
        logger.LogInformation("Mail {MessageId} sent through {Host}:{Port}", message.MessageId, host, smtp.Port);
    }
}
