using Microsoft.AspNetCore.Identity;

namespace Portico.Identity.Users;

/// <summary>
/// UserManager finds and stores accounts by this key: the kernel's email normalization, so a lookup
/// through UserManager and one straight over the table agree on which mailbox is meant.
/// </summary>
internal sealed class EmailLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeEmail(string? email) => email is null ? null : User.Normalize(email);

    public string? NormalizeName(string? name) => name is null ? null : User.Normalize(name);
}
