using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;

namespace Portico.UnitTests;

/// <summary>
/// The outbound address policy, attacked with every spelling of an internal address a tenant could register, and
/// the guarded handler, which must refuse at connect time whatever the URL check let through.
/// </summary>
public sealed class OutboundPolicyTests
{
    private static OutboundPolicy Policy(OutboundOptions? options = null) => new(Options.Create(options ?? new OutboundOptions()));

    [Theory]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", AddressKind.Public)]
    [InlineData("::ffff:93.184.216.34", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("10.0.0.5", AddressKind.Private)]
    [InlineData("172.20.1.1", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("0.0.0.0", AddressKind.Refused)]
    [InlineData("::", AddressKind.Refused)]
    [InlineData("169.254.169.254", AddressKind.Refused)]
    [InlineData("::ffff:169.254.169.254", AddressKind.Refused)]
    [InlineData("fe80::1", AddressKind.Refused)]
    [InlineData("fe80::1%2", AddressKind.Refused)]
    [InlineData("224.0.0.1", AddressKind.Refused)]
    [InlineData("ff02::1", AddressKind.Refused)]
    [InlineData("255.255.255.255", AddressKind.Refused)]
    [InlineData("240.0.0.1", AddressKind.Refused)]
    [InlineData("192.0.2.1", AddressKind.Refused)]
    [InlineData("198.18.0.1", AddressKind.Refused)]
    [InlineData("64:ff9b::7f00:1", AddressKind.Refused)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.Refused)]
    [InlineData("64:ff9b::5db8:d822", AddressKind.Refused)]
    [InlineData("64:ff9b:1::a00:1", AddressKind.Refused)]
    [InlineData("2002:7f00:1::1", AddressKind.Refused)]
    [InlineData("2002:a9fe:a9fe::1", AddressKind.Refused)]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", AddressKind.Refused)]
    [InlineData("::127.0.0.1", AddressKind.Refused)]
    [InlineData("2001:db8::1", AddressKind.Refused)]
    [InlineData("100::1", AddressKind.Refused)]
    public void Addresses_are_classified_by_the_network_they_belong_to(string address, AddressKind kind) =>
        OutboundAddresses.Classify(IPAddress.Parse(address)).ShouldBe(kind);

    [Theory]
    // Loopback in every spelling System.Uri accepts, and the names that mean loopback.
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.0.0.1:8443/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:7f00:1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f000001/hook")]
    [InlineData("https://0x7f.0.0.1/hook")]
    [InlineData("https://0177.0.0.1/hook")]
    [InlineData("https://017700000001/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://127.0.1/hook")]
    [InlineData("https://0/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[::]/hook")]
    // Cloud metadata and link-local.
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://2852039166/latest/meta-data/")]
    [InlineData("https://0xa9fea9fe/latest/meta-data/")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    // Private, CGNAT, unique-local.
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.0.1/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    // Multicast, broadcast, reserved, documentation.
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://255.255.255.255/hook")]
    [InlineData("https://240.0.0.1/hook")]
    [InlineData("https://[ff02::1]/hook")]
    // Translation and tunnel prefixes that carry an internal IPv4 address.
    [InlineData("https://[64:ff9b::7f00:1]/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[64:ff9b:1::a00:1]/hook")]
    [InlineData("https://[2002:7f00:1::1]/hook")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook")]
    // Names that only resolve inside a network.
    [InlineData("https://intranet/hook")]
    [InlineData("https://printer.local/hook")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://router.home.arpa/")]
    [InlineData("https://1.2.3.4.5/hook")]
    [InlineData("https://127.0.0.1./hook")]
    [InlineData("https://127。0。0。1/hook")]
    [InlineData("https://[0:0:0:0:0:ffff:127.0.0.1]/hook")]
    [InlineData("https://[fe80::1%25eth0]/hook")]
    public void Internal_destinations_are_refused_in_every_spelling(string url) =>
        Policy().CheckUrl(url, out _).ShouldBe("must point to a public internet address, not a private, loopback, link-local or otherwise internal one.");

    [Theory]
    [InlineData("https://2130706433/", "127.0.0.1")]
    [InlineData("https://0x7f000001/", "127.0.0.1")]
    [InlineData("https://0177.0.0.1/", "127.0.0.1")]
    [InlineData("https://127.1/", "127.0.0.1")]
    [InlineData("https://0xa9fea9fe/", "169.254.169.254")]
    public void System_Uri_turns_numeric_host_forms_into_the_dotted_address_the_policy_judges(string url, string host)
    {
        var uri = new Uri(url);
        uri.HostNameType.ShouldBe(UriHostNameType.IPv4);
        uri.Host.ShouldBe(host);
    }

    [Theory]
    [InlineData("http://hooks.example.com/x", "must use https.")]
    [InlineData("ftp://hooks.example.com/x", "must be an absolute https URL of at most 2000 characters.")]
    [InlineData("file:///etc/passwd", "must be an absolute https URL of at most 2000 characters.")]
    [InlineData("/relative", "must be an absolute https URL of at most 2000 characters.")]
    [InlineData("https://%31%32%37.0.0.1/hook", "must be an absolute https URL of at most 2000 characters.")]
    [InlineData("https://user:pass@hooks.example.com/x", "must not contain a user name or password.")]
    [InlineData("https://user@hooks.example.com/x", "must not contain a user name or password.")]
    [InlineData("https://hooks.example.com:22/x", "must use the default port or a port from 1024 to 65535.")]
    [InlineData("https://hooks.example.com:80/x", "must use the default port or a port from 1024 to 65535.")]
    public void Only_https_without_credentials_on_a_sensible_port_is_accepted(string url, string problem) =>
        Policy().CheckUrl(url, out _).ShouldBe(problem);

    [Fact]
    public async Task A_host_name_too_long_for_DNS_is_refused_not_a_server_error()
    {
        (await Policy().CheckUrlAsync($"https://{new string('a', 300)}.com/x", CancellationToken.None)).ShouldNotBeNull(); // System.Uri refuses it already
        (await Policy().CheckUrlAsync($"https://{new string('a', 64)}.example.com/x", CancellationToken.None)).ShouldNotBeNull(); // not a DNS name to System.Uri
    }

    [Theory]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("https://hooks.example.com:8443/x")]
    [InlineData("https://93.184.216.34/x")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/x")]
    [InlineData("https://hooks.slack.com/services/T0/B0/x")]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc")]
    public void Public_https_urls_pass(string url) => Policy().CheckUrl(url, out _).ShouldBeNull();

    [Fact]
    public void A_loopback_port_the_operator_allows_for_tests_opens_only_that_port()
    {
        var policy = Policy(new OutboundOptions { AllowHttpToLoopback = true, AllowLoopbackPorts = [5099] });
        policy.CheckUrl("http://127.0.0.1:5099/hook", out _).ShouldBeNull();
        policy.CheckUrl("http://127.0.0.1:5098/hook", out _).ShouldNotBeNull();
        policy.CheckUrl("http://10.0.0.1:5099/hook", out _).ShouldNotBeNull();
        policy.CheckUrl("http://hooks.example.com:5099/hook", out _).ShouldBe("must use https.");
        policy.CheckUrl("http://169.254.169.254:5099/hook", out _).ShouldNotBeNull();
        policy.Allows(IPAddress.Loopback, 5099).ShouldBeTrue();
        policy.Allows(IPAddress.Loopback, 5432).ShouldBeFalse();
    }

    [Fact]
    public void Private_networks_open_for_on_premises_but_metadata_and_loopback_stay_closed()
    {
        var policy = Policy(new OutboundOptions { AllowPrivateNetworks = true });
        policy.CheckUrl("https://10.1.2.3/hook", out _).ShouldBeNull();
        policy.CheckUrl("https://erp.corp/hook", out _).ShouldBeNull();
        policy.CheckUrl("https://169.254.169.254/", out _).ShouldNotBeNull();
        policy.CheckUrl("https://127.0.0.1/", out _).ShouldNotBeNull();
        policy.CheckUrl("https://[64:ff9b::a00:1]/", out _).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_registration()
    {
        // "localhost" is refused by name; a name under it is too. Both also resolve to loopback on every machine.
        (await Policy().CheckUrlAsync("https://localhost:8443/", CancellationToken.None)).ShouldNotBeNull();
        (await Policy().CheckUrlAsync("https://a.b.localhost/", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_connect_time_check_stops_a_name_that_resolves_to_a_refused_address_before_any_byte_is_sent()
    {
        // A listener on loopback stands for an internal service. The handler (no URL check in front of it, as after
        // DNS rebinding) is asked for it by name and by address; no connection may reach it.
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var port = ((IPEndPoint)target.LocalEndpoint).Port;
        using var client = new HttpClient(OutboundHttp.CreateHandler(Policy(new OutboundOptions { AllowHttpToLoopback = true }), OutboundCaller.Tenant));

        foreach (var url in new[] { $"http://localhost:{port}/", $"http://127.0.0.1:{port}/", $"http://[::ffff:127.0.0.1]:{port}/" })
        {
            var error = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri(url)));
            OutboundStatus.Of(error).ShouldBe(OutboundStatus.Refused);
        }

        target.Pending().ShouldBeFalse();
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_not_followed()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetPort = ((IPEndPoint)target.LocalEndpoint).Port;
        using var redirector = new TcpListener(IPAddress.Loopback, 0);
        redirector.Start();
        var redirectorPort = ((IPEndPoint)redirector.LocalEndpoint).Port;
        var answer = Task.Run(async () =>
        {
            using var socket = await redirector.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer);
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{targetPort}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        });

        var policy = Policy(new OutboundOptions { AllowHttpToLoopback = true, AllowLoopbackPorts = [redirectorPort] });
        using var client = new HttpClient(OutboundHttp.CreateHandler(policy, OutboundCaller.Tenant));
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{redirectorPort}/"));
        await answer;

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        OutboundStatus.Of(response).ShouldBe("HTTP 302 (redirects are not followed)");
        target.Pending().ShouldBeFalse();
    }

    [Fact]
    public void Failures_are_described_by_a_fixed_word_never_by_the_socket_error()
    {
        OutboundStatus.Of(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (10.0.0.5:5432)", new SocketException(111))).ShouldBe("connection failed");
        OutboundStatus.Of(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (db.internal:5432)")).ShouldBe("host name not resolved");
        OutboundStatus.Of(new TaskCanceledException("The request was canceled", new TimeoutException())).ShouldBe("timeout");
        OutboundStatus.Of(new HttpRequestException("x", new OutboundRefusedException())).ShouldBe("refused by address policy");
        OutboundStatus.Of(new InvalidOperationException("not the network")).ShouldBeNull();
    }
}
