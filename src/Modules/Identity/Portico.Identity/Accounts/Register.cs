using Microsoft.AspNetCore.Identity;
using Portico.Identity.Codes;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using Portico.Kernel.Http;

namespace Portico.Identity.Accounts;

/// <summary>Sign-up, email verification and resending the code.</summary>
internal static class Register
{
    internal sealed record Request(string? Email, string? Password, string? FullName, string? Locale);

    internal sealed record VerifyRequest(string? Email, string? Code);

    internal sealed record ResendRequest(string? Email);

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    internal sealed class Handler(UserManager<User> users, OneTimeCodes codes, IdentityMail mail, SignIns signIns, AccountRateLimits limits)
    {
        /// <summary>Creates the account and emails a code. An existing email gets the same answer, and its owner a warning.</summary>
        public async Task RegisterAsync(Request request, CancellationToken ct)
        {
            request = request with { Email = EmailAddresses.Normalize(request.Email) ?? request.Email };
            new Rules()
                .Check(IsEmail(request.Email), "email", "must be an email address.")
                .Check(PasswordPolicy.Check(request.Password, request.Email, request.FullName) is null, "password", PasswordPolicy.Check(request.Password, request.Email, request.FullName) ?? "")
                .Required(request.FullName, "fullName")
                .Length(request.FullName?.Trim(), "fullName", 1, 200)
                .OneOf(request.Locale, "locale", ["en", "ru"])
                .ThrowIfInvalid();

            // Counted before the lookup, for every address alike, so the limit reveals nothing about accounts.
            limits.CodeSent(request.Email!);
            var existing = await users.FindByEmailAsync(request.Email!);
            if (existing is not null)
            {
                await mail.AccountExistsAsync(existing, ct);
                return;
            }

            var user = new User
            {
                Email = request.Email!, // canonical: the mail goes to the mailbox the key names
                NormalizedEmail = User.Normalize(request.Email!),
                FullName = request.FullName!.Trim(),
                Locale = request.Locale ?? "en",
            };
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                throw new ValidationException(created.Errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
            }

            await mail.VerificationCodeAsync(user, await codes.IssueAsync(user, CodePurpose.VerifyEmail, CodeLifetime, linkToken: false, ct), ct);
        }

        public async Task<TokenPair> VerifyAsync(VerifyRequest request, CancellationToken ct)
        {
            var user = IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is null || user.EmailConfirmed || !await codes.ConsumeAsync(user, CodePurpose.VerifyEmail, request.Code, ct))
            {
                throw ValidationException.For("code", "is wrong or expired. After 5 wrong tries, ask for a new code.");
            }

            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            return await signIns.StartAsync(user, "email-verification", ct);
        }

        public async Task ResendAsync(ResendRequest request, CancellationToken ct)
        {
            if (IsEmail(request.Email))
            {
                limits.CodeSent(request.Email!);
            }

            var user = IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is { EmailConfirmed: false })
            {
                await mail.VerificationCodeAsync(user, await codes.IssueAsync(user, CodePurpose.VerifyEmail, CodeLifetime, linkToken: false, ct), ct);
            }
        }
    }

    internal static bool IsEmail(string? value) => EmailAddresses.IsValid(value);

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/register", async Task<Accepted> (Request request, Handler handler, CancellationToken ct) =>
            {
                await handler.RegisterAsync(request, ct);
                return TypedResults.Accepted((string?)null);
            })
            .RequireRateLimiting(IdentityRateLimits.Registration)
            .WithRequestExample(new { email = "anna@example.com", password = "correct horse battery staple", fullName = "Anna Petrova", locale = "en" })
            .WithSummary("Create an account; a 6-digit code is emailed (same answer for an existing email)");

        auth.MapPost("/verify-email", async Task<Ok<TokenPair>> (VerifyRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.VerifyAsync(request, ct)))
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .WithSummary("Confirm the email with its code; answers with tokens");

        auth.MapPost("/verification-code", async Task<Accepted> (ResendRequest request, Handler handler, CancellationToken ct) =>
            {
                await handler.ResendAsync(request, ct);
                return TypedResults.Accepted((string?)null);
            })
            .RequireRateLimiting(IdentityRateLimits.CodeSending)
            .WithSummary("Send a new verification code");
    }
}
