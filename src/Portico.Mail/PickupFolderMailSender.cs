using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portico.Kernel.Mail;

namespace Portico.Mail;

/// <summary>Writes each message as an <c>.eml</c> file, so development and tests need no mail server and nothing is lost.</summary>
internal sealed class PickupFolderMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var message = MailMessages.Create(mail, settings, now);
        // 7-bit transfer encodings, as a relay would negotiate: a pickup file may be handed to an MTA that
        // does not accept 8-bit bodies.
        message.Prepare(EncodingConstraint.SevenBit);

        var directory = Path.GetFullPath(settings.PickupDirectory);
        Directory.CreateDirectory(directory);

        // Sortable by time, unique without coordination between instances sharing the folder.
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(directory, name);
        // Same directory, so the move is a rename and a reader watching for *.eml never sees half a file.
        var temporary = Path.Combine(directory, $".{name}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await message.WriteToAsync(file, cancellationToken);
            }

            File.Move(temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        logger.LogInformation("Mail {MessageId} written to {Path}", message.MessageId, path);
    }
}
