namespace Portico.Kernel.Sms;

/// <summary>
/// The SMS port. Twilio when <c>Portico:Sms:Twilio:AccountSid</c> is set; otherwise a pickup folder of
/// text files (<c>./data/sms</c>), so a laptop needs no provider and nothing is lost.
/// </summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="text"/> to <paramref name="phone"/> (E.164, e.g. +79991234567).</summary>
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}
