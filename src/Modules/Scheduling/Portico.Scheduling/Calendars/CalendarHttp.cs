using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// What both adapters share: the OAuth 2.0 token endpoint (RFC 6749 §4.1.3 and §6, client credentials in the form as
/// Google and Microsoft take them) and bounded JSON calls with a bearer token. Error messages carry the HTTP status
/// and the provider's error code only: never a token, never the whole answer.
/// </summary>
internal abstract class CalendarHttp(HttpClient http, TimeProvider clock)
{
    /// <summary>The most of a provider's answer read (a page of events is far less).</summary>
    private const int MaxAnswerBytes = 4 * 1024 * 1024;

    protected HttpClient Http => http;

    protected async Task<CalendarTokenSet> TokenAsync(string tokenUrl, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = TryParse(body)?["error"]?.GetValueKind() == JsonValueKind.String ? TryParse(body)!["error"]!.GetValue<string>() : null;
            // invalid_grant: the code or refresh token is spent, revoked or expired; invalid_client: our own settings are wrong.
            throw response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                ? new CalendarGrantException($"The token endpoint refused the grant ({(int)response.StatusCode} {error ?? "no error code"}).")
                : new CalendarApiException($"The token endpoint answered {(int)response.StatusCode}.", (int)response.StatusCode);
        }

        var json = TryParse(body) ?? throw new CalendarApiException("The token endpoint answered something that is not JSON.", 502);
        var access = json["access_token"]?.GetValue<string>() ?? throw new CalendarApiException("The token endpoint answered no access_token.", 502);
        var expiresIn = json["expires_in"] is { } e && e.GetValueKind() == JsonValueKind.Number ? e.GetValue<long>() : 3600;
        return new CalendarTokenSet(access, json["refresh_token"]?.GetValue<string>(), clock.GetUtcNow().AddSeconds(Math.Clamp(expiresIn, 0, 86_400 * 30)));
    }

    /// <summary>Sends a call with the bearer token; 401 becomes <see cref="CalendarAuthException"/>. The caller disposes the answer.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string accessToken, JsonNode? body, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new CalendarAuthException("The calendar API refused the access token (401).");
        }

        return response;
    }

    protected static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await Kernel.Http.OutboundHttp.ReadLimitedAsync(response.Content, MaxAnswerBytes, cancellationToken);

    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        TryParse(await ReadAsync(response, cancellationToken)) ?? throw new CalendarApiException("The calendar API answered something that is not JSON.", 502);

    /// <summary>Throws for an unsuccessful answer, naming the status and the provider's short error code.</summary>
    protected static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var json = TryParse(await ReadAsync(response, cancellationToken));
        // Google: {"error":{"code":…,"status":"NOT_FOUND",…}}; Graph: {"error":{"code":"ErrorItemNotFound",…}}.
        var code = json?["error"] is JsonObject error ? (error["status"] ?? error["code"])?.ToString() : null;
        throw new CalendarApiException($"{what} failed: HTTP {(int)response.StatusCode}{(code is null ? "" : " " + Short(code))}.", (int)response.StatusCode);
    }

    protected static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected static string Query(params (string Key, string Value)[] pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static string Short(string code) => code.Length <= 60 ? code : code[..60];
}
