using System.Text;
using MimeKit;
using MimeKit.Utils;
using Portico.Kernel.Mail;

namespace Portico.Mail;

/// <summary>Builds the MIME message both senders deliver, so SMTP and the pickup folder produce the same bytes.</summary>
internal static class MailMessages
{
    public static MimeMessage Create(OutgoingMail mail, MailOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mail);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Encoding.UTF8, options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(Encoding.UTF8, mail.ToName ?? string.Empty, mail.To));
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, mail.Subject);
        message.Date = now;
        // The sender's domain, not the machine name: host names leak infrastructure and are often not FQDNs.
        message.MessageId = MimeUtils.GenerateMessageId(DomainOf(options.FromAddress));

        message.Body = WithAttachments(Body(mail), mail.Attachments);
        return message;
    }

    private static MimeEntity Body(OutgoingMail mail)
    {
        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(Encoding.UTF8, mail.TextBody);
        if (mail.HtmlBody is null)
        {
            return text;
        }

        var html = new TextPart(MimeKit.Text.TextFormat.Html);
        html.SetText(Encoding.UTF8, mail.HtmlBody);
        // Order matters in multipart/alternative: clients show the last part they understand, so HTML goes last.
        return new MultipartAlternative { text, html };
    }

    private static MimeEntity WithAttachments(MimeEntity body, IReadOnlyList<MailAttachment> attachments)
    {
        if (attachments.Count == 0)
        {
            return body;
        }

        var mixed = new Multipart("mixed") { body };
        foreach (var attachment in attachments)
        {
            mixed.Add(new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(new MemoryStream(attachment.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }

        return mixed;
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "portico.local";
    }
}
