using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Facebook's Graph API: <c>debug_token</c> demands the app access token
/// (<c>app_id|app_secret</c>) and <c>/me</c> demands a correct <c>appsecret_proof</c>, as Facebook does
/// when "Require App Secret" is on. Tokens are handed out by the test.
/// </summary>
public sealed class FakeFacebookGraph : IAsyncDisposable
{
    public const string AppId = "1234567890";
    public const string AppSecret = "facebook-app-secret-for-tests";

    private readonly ConcurrentDictionary<string, (string UserId, string Name, string? Email, string AppId)> _tokens = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    /// <summary>A user access token, as the Facebook SDK would give the client (for another app when <paramref name="appId"/> differs).</summary>
    public string Token(string userId, string name, string? email, string appId = AppId)
    {
        var token = "EAAB" + Guid.NewGuid().ToString("N");
        _tokens[token] = (userId, name, email, appId);
        return token;
    }

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/debug_token", (string? input_token, string? access_token) =>
            {
                if (access_token != $"{AppId}|{AppSecret}")
                {
                    return Results.Json(new { error = new { message = "Invalid OAuth access token.", type = "OAuthException", code = 190 } }, statusCode: 400);
                }

                return input_token is not null && _tokens.TryGetValue(input_token, out var known)
                    ? Results.Json(new { data = new { app_id = known.AppId, is_valid = true, user_id = known.UserId } })
                    : Results.Json(new { data = new { is_valid = false } });
            });
            app.MapGet("/me", (string? fields, string? access_token, string? appsecret_proof) =>
            {
                var expected = access_token is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(access_token)));
                if (appsecret_proof is null || appsecret_proof != expected || !_tokens.TryGetValue(access_token!, out var known))
                {
                    return Results.Json(new { error = new { message = "Invalid appsecret_proof provided in the API argument", type = "GraphMethodException", code = 100 } }, statusCode: 400);
                }

                return known.Email is null
                    ? Results.Json(new { id = known.UserId, name = known.Name })
                    : Results.Json(new { id = known.UserId, name = known.Name, email = known.Email });
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
