using Portico.Kernel.Mail;

namespace Portico.Notifications.Channels;

/// <summary>Email through the platform's mail port (SMTP with MailKit, or the pickup folder).</summary>
internal sealed class EmailChannel(IMailSender mail) : INotificationChannel
{
    public string Name => ChannelNames.Email;

    public Markup Markup => Markup.PlainText;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        await mail.SendAsync(new OutgoingMail(target.Address, message.Subject, message.Text, message.Html, target.Name), cancellationToken);
        return "accepted by the mail relay";
    }
}
