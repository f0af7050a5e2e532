using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>Small helpers that keep tests about behaviour, not plumbing.</summary>
public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is RFC 9457 problem details; returns the problem.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("type").GetString().ShouldStartWith("https://");
        problem.TryGetProperty("traceId", out _).ShouldBeTrue(body);
        return problem;
    }

    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ShouldBe(this Task<HttpResponseMessage> response, HttpStatusCode status) => await (await response).ShouldBe(status);

    public static async Task<JsonElement> ShouldBeOk(this Task<HttpResponseMessage> response) => await (await response).ShouldBe(HttpStatusCode.OK);

    public static async Task<JsonElement> ShouldBeProblem(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        await (await response).ShouldBeProblem(status);

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
