using System.Security.Claims;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using Portico.Tenancy.Contracts;

namespace Portico.Identity.Accounts;

/// <summary>The signed-in user's own profile.</summary>
internal static class Me
{
    internal sealed record TenantView(Guid Id, string Slug, string Name);

    internal sealed record MembershipView(TenantView Tenant, string Role);

    internal sealed record Profile(
        Guid Id, string Email, bool EmailConfirmed, string FullName, string? Phone, string Locale, string TimeZone, string? AvatarUrl,
        string? PlatformRole, bool TwoFactorEnabled, string[] TwoFactorMethods, IReadOnlyList<MembershipView> Memberships);

    /// <summary>Only these fields can be changed here; anything else in the body is refused by strict JSON binding.</summary>
    internal sealed record Patch(string? FullName, string? Phone, string? Locale, string? TimeZone, string? AvatarUrl);

    internal sealed class Handler(IdentityDbContext db, IMembershipDirectory memberships)
    {
        public async Task<Profile> GetAsync(Guid userId, CancellationToken ct)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User", userId);
            return await ViewAsync(user, ct);
        }

        public async Task<Profile> PatchAsync(Guid userId, Patch patch, CancellationToken ct)
        {
            new Rules()
                .Length(patch.FullName?.Trim(), "fullName", 1, 200)
                .Check(patch.Phone is null || System.Text.RegularExpressions.Regex.IsMatch(patch.Phone, @"^\+[1-9][0-9]{6,14}$"), "phone", "must be in E.164 form, such as +79991234567.")
                .OneOf(patch.Locale, "locale", ["en", "ru"])
                .Check(patch.TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(patch.TimeZone, out _), "timeZone", "must be an IANA time zone such as Europe/Moscow.")
                .Check(patch.AvatarUrl is null || (Uri.TryCreate(patch.AvatarUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps), "avatarUrl", "must be an https URL.")
                .ThrowIfInvalid();

            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User", userId);
            user.FullName = patch.FullName?.Trim() ?? user.FullName;
            if (patch.Phone is not null && patch.Phone != user.PhoneNumber)
            {
                // A new number is unproven: it must not receive sign-in codes until verified again.
                user.PhoneNumber = patch.Phone;
                user.PhoneNumberConfirmed = false;
                user.SmsTwoFactorEnabled = false;
            }

            user.Locale = patch.Locale ?? user.Locale;
            user.TimeZone = patch.TimeZone ?? user.TimeZone;
            user.AvatarUrl = patch.AvatarUrl ?? user.AvatarUrl;
            await db.SaveChangesAsync(ct);
            return await ViewAsync(user, ct);
        }

        private async Task<Profile> ViewAsync(User user, CancellationToken ct)
        {
            var tenants = await memberships.ListForUserAsync(user.Id, ct);
            return new Profile(
                user.Id, user.Email, user.EmailConfirmed, user.FullName, user.PhoneNumber, user.Locale, user.TimeZone, user.AvatarUrl,
                user.PlatformRole, user.TwoFactorEnabled, Login.Handler.Methods(user),
                tenants.Select(m => new MembershipView(new TenantView(m.TenantId, m.Slug, m.Name), m.Role)).ToList());
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me", async Task<Ok<Profile>> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(principal.UserId(), ct)))
            .RequireAuthorization(Policies.Authenticated).WithTags("Me")
            .WithSummary("My profile, platform role and memberships");
        api.MapPatch("/me", async Task<Ok<Profile>> (Patch patch, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.PatchAsync(principal.UserId(), patch, ct)))
            .RequireAuthorization(Policies.Authenticated).WithTags("Me")
            .WithSummary("Change my name, phone, locale, time zone or avatar");
    }
}
