using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>One event of the tenant stream as it arrived: SSE id (the stream position), event name, payload id, arrival time.</summary>
internal readonly record struct StreamedEvent(long Position, string Name, Guid Id, long ReceivedAt);

/// <summary>
/// Follows <c>GET /api/v1/tenants/{tenant}/events/stream</c> on its own connection, parsing the
/// Server-Sent Events wire format as EventSource does, and hands every event (with the
/// <see cref="Stopwatch"/> timestamp of the moment its blank line was read) to a callback.
/// </summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private long _lastActivity = Stopwatch.GetTimestamp();
    private int _disposed;

    private SseReader(HttpClient client, HttpResponseMessage response, Stream body, Action<StreamedEvent> onEvent)
    {
        _client = client;
        _reading = Task.Run(() => ReadAsync(response, body, onEvent));
    }

    /// <summary>The furthest stream position read so far.</summary>
    public long Position { get; private set; }

    /// <summary>Seconds since the last event (or the start).</summary>
    public double IdleSeconds => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)).TotalSeconds;

    /// <summary>Set when the stream ended or failed other than by <see cref="DisposeAsync"/>.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Opens the stream (its own HttpClient and connection) from <paramref name="lastEventId"/> on.</summary>
    public static async Task<SseReader> OpenAsync(Uri baseUri, string tenant, string accessToken, string lastEventId, Action<StreamedEvent> onEvent)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"/api/v1/tenants/{tenant}/events/stream"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.Add("Last-Event-ID", lastEventId);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode || mediaType != "text/event-stream")
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new BenchException($"The event stream answered {status} ({mediaType}).");
            }

            return new SseReader(client, response, await response.Content.ReadAsStreamAsync(), onEvent);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // Stopping mid-read is the normal end.
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response, Stream body, Action<StreamedEvent> onEvent)
    {
        using (response)
        using (var reader = new StreamReader(body))
        {
            try
            {
                string? id = null, name = null, data = null;
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (data is not null)
                        {
                            var received = Stopwatch.GetTimestamp();
                            var position = long.TryParse(id, out var p) ? p : 0;
                            Guid eventId;
                            using (var document = JsonDocument.Parse(data))
                            {
                                eventId = document.RootElement.TryGetProperty("id", out var idProperty) && idProperty.TryGetGuid(out var guid) ? guid : Guid.Empty;
                            }

                            Position = Math.Max(Position, position);
                            Interlocked.Exchange(ref _lastActivity, received);
                            onEvent(new StreamedEvent(position, name ?? "message", eventId, received));
                        }

                        id = name = data = null;
                        continue;
                    }

                    if (line[0] == ':')
                    {
                        continue;
                    }

                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    var field = colon < 0 ? line : line[..colon];
                    var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
                    switch (field)
                    {
                        case "id":
                            id = value;
                            break;
                        case "event":
                            name = value;
                            break;
                        case "data":
                            data = data is null ? value : data + "\n" + value;
                            break;
                    }
                }

                Failure = new EndOfStreamException("The server ended the event stream.");
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // DisposeAsync.
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException)
            {
                if (!_stop.IsCancellationRequested)
                {
                    Failure = ex;
                }
            }
        }
    }
}
