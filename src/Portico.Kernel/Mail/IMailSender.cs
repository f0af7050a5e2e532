namespace Portico.Kernel.Mail;

/// <summary>An email to one recipient. Bodies are already rendered in the recipient's language.</summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null, string? ToName = null)
{
    /// <summary>Files sent along (a booking's <c>.ics</c> invitation).</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to an email; <see cref="ContentType"/> may carry parameters (<c>text/calendar; method=REQUEST</c>).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The mail port. SMTP (MailKit) when <c>Portico:Mail:Smtp:Host</c> is set; otherwise a pickup
/// folder of <c>.eml</c> files, so a laptop needs no mail server and nothing is lost.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
