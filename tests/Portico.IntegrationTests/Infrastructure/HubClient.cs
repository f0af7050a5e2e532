using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/events</c> over WebSockets, carrying its token in the query as a browser does.</summary>
public static class HubClient
{
    public static async Task<(HubConnection Connection, Channel<(string Name, JsonElement Payload)> Received)> ConnectAsync(
        PorticoFactory app, string token, string? tenant = null, params string[] listenFor)
    {
        ArgumentNullException.ThrowIfNull(app);
        var received = Channel.CreateUnbounded<(string, JsonElement)>();
        var query = tenant is null ? "" : $"?tenant={tenant}";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/events" + query), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // As a browser does: WebSockets carry no Authorization header, so the token travels in the query.
                o.WebSocketFactory = async (context, ct) => await app.Server.CreateWebSocketClient().ConnectAsync(
                    context.Uri.Query.Contains("access_token=", StringComparison.Ordinal) ? context.Uri
                        : new Uri(context.Uri + (context.Uri.Query.Length > 0 ? "&" : "?") + "access_token=" + Uri.EscapeDataString(token)), ct);
            })
            .Build();
        foreach (var name in listenFor)
        {
            connection.On<JsonElement>(name, payload => received.Writer.TryWrite((name, payload)));
        }

        await connection.StartAsync();
        return (connection, received);
    }

    /// <summary>The next message received (of any listened name), within the suite's patience.</summary>
    public static async Task<(string Name, JsonElement Payload)> NextAsync(this Channel<(string Name, JsonElement Payload)> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        using var timeout = Patience.Token();
        return await received.Reader.ReadAsync(timeout.Token);
    }
}
