using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Portico.Identity.External;

/// <summary>One OpenID Connect provider (Google, Microsoft, Keycloak, …).</summary>
internal sealed class OidcProviderOptions
{
    /// <summary>The issuer, e.g. <c>https://accounts.google.com</c>; its discovery document gives the signing keys.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The client id registered with the provider: ID tokens must be issued for it (audience).</summary>
    public string ClientId { get; set; } = "";

    public bool RequireHttps { get; set; } = true;
}

/// <summary>Settings under <c>Portico:Auth:Oidc:Providers:{name}</c>.</summary>
internal sealed class OidcOptions
{
    public const string Section = "Portico:Auth:Oidc";

    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Sign-in with any OpenID Connect provider by ID token: the client signs the person in at the provider
/// (Google Identity Services, a mobile SDK, an authorization-code flow of its own) and posts the ID
/// token. We check its signature against the provider's published keys, issuer, audience and lifetime,
/// and require a verified email: the first sign-in links the account with that email or creates one.
/// </summary>
internal static class OidcLogin
{
    internal sealed record Request(string? IdToken);

    /// <summary>Caches discovery documents and keys per provider; refreshed by the manager on its schedule.</summary>
    internal sealed class ProviderMetadata
    {
        private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.OrdinalIgnoreCase);

        public ConfigurationManager<OpenIdConnectConfiguration> For(string name, OidcProviderOptions provider) =>
            _managers.GetOrAdd(name, _ => new ConfigurationManager<OpenIdConnectConfiguration>(
                provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = provider.RequireHttps }));
    }

    internal sealed class Handler(ExternalAccounts accounts, IOptions<OidcOptions> options, ProviderMetadata metadata)
    {
        public async Task<Accounts.Login.Response> HandleAsync(string providerName, Request request, Guid? currentUser, CancellationToken ct)
        {
            if (!options.Value.Providers.TryGetValue(providerName, out var provider) || string.IsNullOrEmpty(provider.Authority))
            {
                throw new NotFoundException("Sign-in provider", providerName);
            }

            new Rules().Required(request.IdToken, "idToken").Check(request.IdToken is null || request.IdToken.Length < 16_000, "idToken", "is too long.").ThrowIfInvalid();
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await metadata.For(providerName, provider).GetConfigurationAsync(ct);
            }
            catch (InvalidOperationException)
            {
                throw new ServiceUnavailableException($"The sign-in provider '{providerName}' does not answer. Try again later.");
            }

            var result = await ValidateAsync(request.IdToken!, provider, configuration);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Providers rotate keys: an unknown key id is a reason to fetch the keys again, once.
                var manager = metadata.For(providerName, provider);
                manager.RequestRefresh();
                result = await ValidateAsync(request.IdToken!, provider, await manager.GetConfigurationAsync(ct));
            }

            if (!result.IsValid)
            {
                throw new UnauthorizedException("The ID token is not valid for this provider: " + result.Exception?.GetType().Name);
            }

            var claims = result.ClaimsIdentity;
            var subject = claims.FindFirst("sub")?.Value ?? throw new UnauthorizedException("The ID token has no subject.");
            var verified = string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            return await accounts.SignInAsync(
                new ExternalIdentity($"oidc:{providerName.ToLowerInvariant()}", subject, claims.FindFirst("email")?.Value, verified, claims.FindFirst("name")?.Value ?? ""),
                currentUser,
                ct);
        }

        private static Task<TokenValidationResult> ValidateAsync(string idToken, OidcProviderOptions provider, OpenIdConnectConfiguration configuration) =>
            new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = provider.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                ClockSkew = TimeSpan.FromMinutes(2),
            });
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/external/oidc/{provider}", async Task<Ok<Accounts.Login.Response>> (string provider, Request request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(provider, request, principal.TryGetUserId(), ct)))
        .RequireRateLimiting(IdentityRateLimits.SignIn)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .WithSummary("Sign in (or link, when signed in) with an OpenID Connect provider's ID token (Google and others)");
}
