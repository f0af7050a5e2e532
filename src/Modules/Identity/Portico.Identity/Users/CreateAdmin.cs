namespace Portico.Identity.Users;

/// <summary>Creates a platform administrator, or promotes and re-keys an existing account. Used by the CLI.</summary>
internal static class CreateAdmin
{
    internal sealed record Request(string Email, string Password, string? FullName);

    internal sealed record Result(Guid UserId, bool Created);

    internal sealed class Handler(IdentityDbContext db, Passwords passwords)
    {
        public async Task<Result> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            Passwords.CheckPolicy(new Rules(), request.Password)
                .Check(request.Email.Contains('@', StringComparison.Ordinal) && request.Email.Length <= 254, "email", "must be an email address.")
                .ThrowIfInvalid();

            var normalized = User.Normalize(request.Email);
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            var created = user is null;
            user ??= db.Users.Add(new User { Email = request.Email.Trim(), NormalizedEmail = normalized }).Entity;
            user.FullName = request.FullName ?? (user.FullName is "" ? "Platform administrator" : user.FullName);
            user.PlatformRole = "PlatformAdmin";
            user.EmailConfirmed = true;
            user.PasswordHash = passwords.Hash(user, request.Password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(user.Id, created);
        }
    }
}
