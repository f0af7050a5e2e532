using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// A local OpenID Connect provider on loopback that publishes a discovery document and its RSA
/// signing key (JWKS) exactly as Google does, and signs ID tokens for tests.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "portico-test-client";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private WebApplication? _app;

    public FakeOidcProvider() => _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };

    public string Authority { get; private set; } = "";

    public async Task StartAsync()
    {
        (_app, Authority) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Authority,
                ["jwks_uri"] = Authority + "/jwks",
                ["authorization_endpoint"] = Authority + "/authorize",
                ["token_endpoint"] = Authority + "/token",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/jwks", () =>
            {
                var parameters = _rsa.ExportParameters(includePrivateParameters: false);
                return Results.Json(new
                {
                    keys = new[]
                    {
                        new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                    },
                });
            });
        });
    }

    /// <summary>An ID token as the provider would issue it; tweak the claims to forge bad ones.</summary>
    public string IdToken(string subject, string? email, bool emailVerified = true, string audience = ClientId, string? issuer = null, SecurityKey? key = null, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = "Olga Test", ["email_verified"] = emailVerified };
        if (email is not null)
        {
            claims["email"] = email;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
