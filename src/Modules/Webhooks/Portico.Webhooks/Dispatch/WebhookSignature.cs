using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portico.Webhooks.Dispatch;

/// <summary>
/// <c>Portico-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the MAC keyed with the endpoint's secret
/// (its UTF-8 bytes, <c>whsec_</c> included) over <c>"{t}.{body}"</c>. During a rotation's grace period one
/// <c>v1=</c> per secret is sent; a receiver accepts the delivery when any of them matches. The timestamp is
/// the attempt's, so a receiver can refuse replays of old deliveries.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Portico-Signature";

    public static string Create(IEnumerable<string> secrets, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{t}.{body}");
        return $"t={t}," + string.Join(',', secrets.Select(s => "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(s), signed))));
    }
}
