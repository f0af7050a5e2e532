using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portico.Identity.Users;

/// <summary>
/// ASP.NET Core Identity's hasher: PBKDF2-HMAC-SHA512 with 210 000 iterations (OWASP ASVS 5);
/// hashes made with fewer iterations are upgraded at the next successful sign-in.
/// </summary>
internal sealed class Passwords
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<User> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    /// <summary>Checks a password; re-hashes it in place when the stored parameters are outdated.</summary>
    public bool Verify(User user, string password)
    {
        var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hash(user, password);
        }

        return result != PasswordVerificationResult.Failed;
    }

    public static Rules CheckPolicy(Rules rules, string? password, string field = "password") => rules
        .Required(password, field)
        .Length(password, field, 10, 128);
}
