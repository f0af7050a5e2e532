using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Portico.MailTests;

/// <summary>A real SMTP server on 127.0.0.1 that requires one username and password and keeps what it receives.</summary>
public sealed class LoopbackSmtpServer : IAsyncLifetime
{
    public const string Username = "portico";
    public const string Password = "correct horse battery staple";

    private readonly RecordingMessageStore _store = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public int Port { get; private set; }

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages;

    /// <summary>The message addressed to <paramref name="address"/>; tests share the server, so each uses its own recipient.</summary>
    public MimeMessage ReceivedFor(string address) =>
        _store.Messages.Single(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async Task InitializeAsync()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .IsSecure(false)
                // Loopback without TLS, yet authentication must be exercised: both switches are needed for AUTH to be offered.
                .AllowUnsecureAuthentication(true)
                .AuthenticationRequired(true))
            .Build();

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        services.Add(new SingleUserAuthenticator());
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        await WaitUntilListeningAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            _server.Shutdown();
            await Task.WhenAny(_running ?? Task.CompletedTask, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // StartAsync binds the socket on a background task; connecting before that would be refused.
    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private sealed class RecordingMessageStore : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => _messages;

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            stream.Position = 0;
            _messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class SingleUserAuthenticator : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == Username && password == Password);
    }
}
