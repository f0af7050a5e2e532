using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portico.Kernel.Security;

/// <summary>
/// Tokens for links that open one record without signing in (a booking to manage, a work order to track): the tenant
/// and the record ids and an HMAC over both with a key of its own purpose (<see cref="PlatformKeys"/>). A changed
/// character reads as nothing, the same as an unknown record, so a page answers both with one 404.
/// </summary>
public sealed class SignedRecordTokens(Func<byte[]> key)
{
    private readonly Lazy<byte[]> _key = new(key);

    public string Issue(Guid tenantId, Guid recordId)
    {
        var ids = new byte[32];
        tenantId.TryWriteBytes(ids.AsSpan(0, 16));
        recordId.TryWriteBytes(ids.AsSpan(16, 16));
        return Base64Url.EncodeToString(ids) + "." + Base64Url.EncodeToString(Sign(ids));
    }

    /// <summary>The tenant and record a genuine token names, or null for anything else.</summary>
    public (Guid TenantId, Guid RecordId)? Read(string? token)
    {
        if (token is not { Length: > 40 and < 120 } || token.Split('.') is not [var idsPart, var signaturePart])
        {
            return null;
        }

        var ids = new byte[32];
        var signature = new byte[32];
        if (!Base64Url.TryDecodeFromChars(idsPart, ids, out var idsLength) || idsLength != 32
            || !Base64Url.TryDecodeFromChars(signaturePart, signature, out var signatureLength) || signatureLength != 32
            || !CryptographicOperations.FixedTimeEquals(Sign(ids), signature))
        {
            return null;
        }

        return (new Guid(ids.AsSpan(0, 16)), new Guid(ids.AsSpan(16, 16)));
    }

    private byte[] Sign(byte[] ids) => HMACSHA256.HashData(_key.Value, ids);
}
