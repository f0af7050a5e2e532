using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Portico.Identity.Users;

/// <summary>
/// OWASP ASVS 5 password rules: 10 to 128 characters, no composition rules, and not one of the
/// 10 000 most common passwords (the list ships in the assembly). Each failure names its rule.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<User>
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(Check(password) is { } error
            ? IdentityResult.Failed(new IdentityError { Code = "password", Description = error })
            : IdentityResult.Success);

    /// <summary>The broken rule, or null when the password is acceptable.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "is required.",
        { Length: < MinLength } => $"must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters long.",
        _ when Common.Value.Contains(password.Trim().ToLowerInvariant()) => "is one of the most common passwords; choose another.",
        _ => null,
    };

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Portico.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
