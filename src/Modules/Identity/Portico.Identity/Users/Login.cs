using Portico.Kernel.Tenancy;

namespace Portico.Identity.Users;

internal static class Login
{
    internal sealed record Request(string? Email, string? Password);

    internal sealed record Response(string AccessToken, int ExpiresIn, string TokenType);

    internal sealed class Handler(IdentityDbContext db, Passwords passwords, AccessTokens tokens, RequestContext context)
    {
        public async Task<Response> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules().Required(request.Email, "email").Required(request.Password, "password").ThrowIfInvalid();
            var normalized = User.Normalize(request.Email!);
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);

            // One answer for an unknown email and a wrong password: no account enumeration.
            if (user is null || string.IsNullOrEmpty(user.PasswordHash) || !passwords.Verify(user, request.Password!))
            {
                throw new UnauthorizedException("The email or password is wrong.");
            }

            context.SetActor($"user:{user.Id}");
            await db.SaveChangesAsync(cancellationToken); // persists a re-hash, if any
            var (token, lifetime) = tokens.Issue(user);
            return new Response(token, (int)lifetime.TotalSeconds, "Bearer");
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/auth/login", async Task<Ok<Response>> (Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(request, ct)))
        .AllowAnonymous()
        .RequireRateLimiting(IdentityModule.SignInRateLimit)
        .WithName("Login")
        .WithSummary("Sign in with email and password; returns a bearer access token")
        .WithTags("Auth");
}
