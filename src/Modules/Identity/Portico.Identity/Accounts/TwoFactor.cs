using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using QRCoder;

namespace Portico.Identity.Accounts;

/// <summary>Authenticator-app (TOTP) and email second factors, with single-use recovery codes.</summary>
internal static class TwoFactor
{
    internal sealed record SetupResponse(string Secret, string OtpauthUri, string QrCodePng);

    internal sealed record EnableRequest(string? Code);

    internal sealed record EnableResponse(string[] RecoveryCodes);

    internal sealed record DisableRequest(string? Password);

    internal sealed class Handler(UserManager<User> users, OneTimeCodes codes, IdentityMail messages, AccountRateLimits limits)
    {
        /// <summary>Texts a code to the phone set on the profile, to prove it before SMS becomes a factor.</summary>
        public async Task SetupSmsAsync(Guid userId, CancellationToken ct)
        {
            var user = await FindAsync(userId);
            if (string.IsNullOrEmpty(user.PhoneNumber))
            {
                throw ValidationException.For("phone", "is not set: add it to your profile first (PATCH /api/v1/me).");
            }

            limits.CodeSent(user.Email);
            await messages.SmsCodeAsync(user, await codes.IssueAsync(user, Codes.CodePurpose.VerifyPhone, Register.CodeLifetime, linkToken: false, ct), ct);
        }

        public async Task EnableSmsAsync(Guid userId, EnableRequest request, CancellationToken ct)
        {
            var user = await FindAsync(userId);
            if (!await codes.ConsumeAsync(user, Codes.CodePurpose.VerifyPhone, request.Code, ct))
            {
                throw ValidationException.For("code", "is wrong or expired. Ask for a new one.");
            }

            user.PhoneNumberConfirmed = true;
            user.SmsTwoFactorEnabled = true;
            await users.UpdateAsync(user);
        }

        public async Task<SetupResponse> SetupAsync(Guid userId)
        {
            var user = await FindAsync(userId);
            if (user.TwoFactorEnabled)
            {
                throw new ConflictException("Two-factor authentication is already on; disable it first to set up a new authenticator.", "2fa-already-enabled");
            }

            await users.ResetAuthenticatorKeyAsync(user);
            var secret = (await users.GetAuthenticatorKeyAsync(user))!;
            var uri = $"otpauth://totp/{Uri.EscapeDataString("Portico:" + user.Email)}?secret={secret}&issuer=Portico&digits=6&period=30";
            using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            var png = new PngByteQRCode(qr).GetGraphic(6);
            return new SetupResponse(secret, uri, Convert.ToBase64String(png));
        }

        public async Task<EnableResponse> EnableAsync(Guid userId, EnableRequest request)
        {
            var user = await FindAsync(userId);
            if (user.AuthenticatorKey is null)
            {
                throw new ConflictException("Call setup first to get a secret for the authenticator app.", "2fa-not-set-up");
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, request.Code ?? ""))
            {
                throw ValidationException.For("code", "does not match the authenticator app. Check the device clock and try the current code.");
            }

            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToArray();
            return new EnableResponse(codes);
        }

        public async Task EnableEmailAsync(Guid userId)
        {
            var user = await FindAsync(userId);
            user.EmailTwoFactorEnabled = true;
            await users.UpdateAsync(user);
        }

        public async Task DisableAsync(Guid userId, DisableRequest request)
        {
            var user = await FindAsync(userId);
            if (!await users.CheckPasswordAsync(user, request.Password ?? ""))
            {
                throw ValidationException.For("password", "is wrong.");
            }

            user.AuthenticatorKey = null;
            user.RecoveryCodeHashes = null;
            user.EmailTwoFactorEnabled = false;
            user.SmsTwoFactorEnabled = false;
            await users.SetTwoFactorEnabledAsync(user, false);
        }

        private async Task<User> FindAsync(Guid userId) =>
            await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("Sign in first.");
    }

    internal static void Map(RouteGroupBuilder auth)
    {
        var group = auth.MapGroup("/2fa").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/totp/setup", async Task<Ok<SetupResponse>> (ClaimsPrincipal principal, Handler handler) =>
                TypedResults.Ok(await handler.SetupAsync(principal.UserId())))
            .WithSummary("Start authenticator setup: secret, otpauth URI and a QR code PNG (base64)");
        group.MapPost("/totp/enable", async Task<Ok<EnableResponse>> (EnableRequest request, ClaimsPrincipal principal, Handler handler) =>
                TypedResults.Ok(await handler.EnableAsync(principal.UserId(), request)))
            .WithSummary("Confirm a code from the app; answers with 10 single-use recovery codes");
        group.MapPost("/email/enable", async Task<NoContent> (ClaimsPrincipal principal, Handler handler) =>
            {
                await handler.EnableEmailAsync(principal.UserId());
                return TypedResults.NoContent();
            })
            .WithSummary("Require an emailed code at sign-in");
        group.MapPost("/sms/setup", async Task<Accepted> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.SetupSmsAsync(principal.UserId(), ct);
                return TypedResults.Accepted((string?)null);
            })
            .WithSummary("Text a code to my profile's phone number");
        group.MapPost("/sms/enable", async Task<NoContent> (EnableRequest request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.EnableSmsAsync(principal.UserId(), request, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Confirm the texted code: the phone is verified and SMS becomes a second factor");
        group.MapPost("/disable", async Task<NoContent> (DisableRequest request, ClaimsPrincipal principal, Handler handler) =>
            {
                await handler.DisableAsync(principal.UserId(), request);
                return TypedResults.NoContent();
            })
            .WithSummary("Turn every second factor off (needs the password)");
    }
}
