using Microsoft.AspNetCore.Identity;

namespace Portico.Identity.Users;

/// <summary>Creates a platform administrator, or promotes and re-keys an existing account. Used by the CLI.</summary>
internal static class CreateAdmin
{
    internal sealed record Request(string Email, string Password, string? FullName);

    internal sealed record Result(Guid UserId, bool Created);

    internal sealed class Handler(IdentityDbContext db, IPasswordHasher<User> hasher)
    {
        public async Task<Result> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(PasswordPolicy.Check(request.Password, request.Email, request.FullName) is null, "password", PasswordPolicy.Check(request.Password, request.Email, request.FullName) ?? "")
                .Check(Accounts.Register.IsEmail(request.Email), "email", "must be an email address.")
                .ThrowIfInvalid();

            var normalized = User.Normalize(request.Email);
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            var created = user is null;
            user ??= db.Users.Add(new User { Email = EmailAddresses.Normalize(request.Email)!, NormalizedEmail = normalized }).Entity;
            user.FullName = request.FullName ?? (user.FullName is "" ? "Platform administrator" : user.FullName);
            user.PlatformRole = "PlatformAdmin";
            user.EmailConfirmed = true;
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(user.Id, created);
        }
    }
}
