using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Twilio's Messages API: checks HTTP Basic auth with the account SID and auth
/// token, the form fields To/From/Body, answers 201 with a message resource, and records what it sent.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "twilio-auth-token-for-tests";
    public const string From = "+15005550006";

    private readonly ConcurrentQueue<(string To, string Body)> _sent = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<(string To, string Body)> Sent => _sent.ToList();

    public string LastCodeFor(string phone) =>
        System.Text.RegularExpressions.Regex.Match(_sent.Last(m => m.To == phone).Body, @"\b\d{6}\b").Value;

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app =>
        {
            app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpRequest request) =>
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
                if (sid != AccountSid || request.Headers.Authorization.ToString() != expected)
                {
                    return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
                }

                var form = await request.ReadFormAsync();
                var to = form["To"].ToString();
                var body = form["Body"].ToString();
                if (!to.StartsWith('+') || form["From"].ToString() != From || body.Length == 0)
                {
                    return Results.Json(new { code = 21211, message = "Invalid 'To' Phone Number", status = 400 }, statusCode: 400);
                }

                _sent.Enqueue((to, body));
                return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued", to, body }, statusCode: 201);
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
