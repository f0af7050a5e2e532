using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portico.Identity.External;

/// <summary>Settings under <c>Portico:Auth:Facebook</c>.</summary>
internal sealed class FacebookLoginOptions
{
    public const string Section = "Portico:Auth:Facebook";

    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    /// <summary>The Graph API base address (versioned).</summary>
    public string GraphUrl { get; set; } = "https://graph.facebook.com/v19.0";
}

/// <summary>
/// Sign-in with Facebook (OAuth 2): the client signs the person in with the Facebook SDK and posts the
/// user access token. We ask the Graph API whether the token is valid and was issued to our app
/// (<c>debug_token</c> with the app token), then read id, name and email with an <c>appsecret_proof</c>.
/// Facebook only returns confirmed email addresses.
/// </summary>
internal static class FacebookLogin
{
    public const string Provider = "facebook";

    internal sealed record Request(string? AccessToken);

    private sealed record DebugToken([property: JsonPropertyName("data")] DebugData? Data);

    private sealed record DebugData(
        [property: JsonPropertyName("app_id")] string? AppId,
        [property: JsonPropertyName("is_valid")] bool IsValid,
        [property: JsonPropertyName("user_id")] string? UserId);

    private sealed record Profile(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("email")] string? Email);

    internal sealed class Handler(ExternalAccounts accounts, IHttpClientFactory http, IOptions<FacebookLoginOptions> options)
    {
        public async Task<Accounts.Login.Response> HandleAsync(Request request, Guid? currentUser, CancellationToken ct)
        {
            var settings = options.Value;
            if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppSecret))
            {
                throw new NotFoundException("Sign-in provider", Provider);
            }

            new Rules().Required(request.AccessToken, "accessToken").Check(request.AccessToken is null || request.AccessToken.Length < 4096, "accessToken", "is too long.").ThrowIfInvalid();
            var token = Uri.EscapeDataString(request.AccessToken!);
            var graph = settings.GraphUrl.TrimEnd('/');
            var client = http.CreateClient(Provider);

            var debug = await GetAsync<DebugToken>(client, $"{graph}/debug_token?input_token={token}&access_token={Uri.EscapeDataString(settings.AppId + "|" + settings.AppSecret)}", ct);
            if (debug?.Data is not { IsValid: true } data || data.AppId != settings.AppId)
            {
                throw new UnauthorizedException("The Facebook token is not valid for this app.");
            }

            var proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.AppSecret), Encoding.UTF8.GetBytes(request.AccessToken!)));
            var profile = await GetAsync<Profile>(client, $"{graph}/me?fields=id,name,email&access_token={token}&appsecret_proof={proof}", ct);
            if (profile?.Id is null || profile.Id != data.UserId)
            {
                throw new UnauthorizedException("Facebook did not confirm who the token belongs to.");
            }

            return await accounts.SignInAsync(new ExternalIdentity(Provider, profile.Id, profile.Email, EmailVerified: profile.Email is not null, profile.Name ?? ""), currentUser, ct);
        }

        private static async Task<T?> GetAsync<T>(HttpClient client, string url, CancellationToken ct)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url, ct);
            }
            catch (HttpRequestException)
            {
                throw new ServiceUnavailableException("Facebook does not answer. Try again later.");
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500)
                {
                    throw new ServiceUnavailableException("Facebook does not answer. Try again later.");
                }

                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>(ct) : default;
            }
        }
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/external/facebook", async Task<Ok<Accounts.Login.Response>> (Request request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(request, principal.TryGetUserId(), ct)))
        .RequireRateLimiting(IdentityRateLimits.SignIn)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .WithSummary("Sign in (or link, when signed in) with a Facebook user access token");
}
