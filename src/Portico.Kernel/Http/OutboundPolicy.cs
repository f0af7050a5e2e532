using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Portico.Kernel.Errors;

namespace Portico.Kernel.Http;

/// <summary>
/// Settings under <c>Portico:Outbound</c>: where the server may send HTTP requests that tenants (or their
/// members' browsers) point it at. The defaults are for production: https only, public internet addresses only.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Portico:Outbound";

    /// <summary>
    /// Accept <c>http://</c> URLs whose host is a loopback address or <c>localhost</c> (reachable only as the loopback
    /// settings below allow): tests and local development with stand-in servers. Anything else stays https only.
    /// </summary>
    public bool AllowHttpToLoopback { get; set; }

    /// <summary>Reach loopback (127.0.0.0/8, ::1) on any port: local development only.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Reach loopback on these ports only: tests with stand-in servers, without opening the rest of the machine.</summary>
    public int[] AllowLoopbackPorts { get; set; } = [];

    /// <summary>Reach private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): an on-premises installation. Link-local and metadata addresses stay refused.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Host names (or <c>host:port</c>) of provider APIs the operator configured, reached whatever they resolve to (a
    /// proxy inside the network, say). Applies only to clients for operator-configured providers, never to URLs tenants give.
    /// </summary>
    public string[] TrustedProviderHosts { get; set; } = [];

    /// <summary>How long one outbound request may take, unless its client sets its own deadline.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the address check at registration waits for DNS; a name that does not resolve in time is left to the check at connect time.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The one address policy for outbound calls made on a tenant's behalf (webhooks, Slack, Web Push, bot APIs).
/// <see cref="CheckUrlAsync"/> runs when a URL is saved (syntax, host, port, and the addresses the name resolves
/// to now); <see cref="Allows(IPAddress, int)"/> runs again on every address when a connection is made, so a
/// name that later resolves somewhere else (DNS rebinding) is still stopped. See <see cref="OutboundHttp"/>.
/// </summary>
public sealed partial class OutboundPolicy(IOptions<OutboundOptions> options)
{
    public const int MaxUrlLength = 2000;

    // Names that resolve only inside some network (RFC 6761, RFC 6762, RFC 8375 and common practice).
    private static readonly string[] InternalSuffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp", ".localdomain"];

    // WHATWG URL: a host whose last label is a number is an IPv4 address in one of its many spellings (2130706433, 0x7f000001, 0177.0.0.1, 127.1).
    [GeneratedRegex(@"(^|\.)(0x[0-9a-f]*|[0-9]+)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumericLastLabel();

    public OutboundOptions Options => options.Value;

    /// <summary>Whether a connection may be made to this address and port.</summary>
    public bool Allows(IPAddress address, int port) => OutboundAddresses.Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback => Options.AllowLoopback || Options.AllowLoopbackPorts.Contains(port),
        AddressKind.Private => Options.AllowPrivateNetworks,
        _ => false,
    };

    /// <summary>Whether a provider client may reach this host whatever it resolves to (<see cref="OutboundOptions.TrustedProviderHosts"/>).</summary>
    public bool IsTrustedProvider(string host, int port) =>
        Options.TrustedProviderHosts.Any(t => t.Equals(host, StringComparison.OrdinalIgnoreCase) || t.Equals($"{host}:{port}", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why the server may not send to <paramref name="url"/>, or null when it may: checked on the text, then on the
    /// addresses the host resolves to now. A name that does not resolve yet passes here; the connect-time check decides.
    /// </summary>
    public async Task<string?> CheckUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (CheckUrl(url, out var uri) is { } problem)
        {
            return problem;
        }

        if (uri!.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        IPAddress[] addresses;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.ResolveTimeout);
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, deadline.Token);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return addresses.All(a => Allows(a, uri.Port)) ? null : NotPublic;
    }

    /// <summary>The checks that need no network: scheme, user info, host form, port. Null when the URL passes.</summary>
    public string? CheckUrl(string url, out Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(url);
        uri = null;
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            return $"must be an absolute https URL of at most {MaxUrlLength} characters.";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(Options.AllowHttpToLoopback && IsLoopbackHost(parsed)))
        {
            return "must use https.";
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "must not contain a user name or password.";
        }

        if (!IsAllowedHost(parsed))
        {
            return NotPublic;
        }

        if (!parsed.IsDefaultPort && parsed.Port < 1024 && !IsAllowedLoopbackPort(parsed))
        {
            return "must use the default port or a port from 1024 to 65535.";
        }

        uri = parsed;
        return null;
    }

    private const string NotPublic = "must point to a public internet address, not a private, loopback, link-local or otherwise internal one.";

    private bool IsAllowedHost(Uri uri)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            // System.Uri has already turned 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 into 127.0.0.1 here.
            return IPAddress.TryParse(host, out var address) && Allows(address, uri.Port);
        }

        if (uri.HostNameType != UriHostNameType.Dns || NumericLastLabel().IsMatch(host))
        {
            return false;
        }

        var name = host.TrimEnd('.');
        if (IsLoopbackHost(uri))
        {
            // Resolves to loopback by definition (RFC 6761), whatever a DNS server says.
            return Options.AllowLoopback || Options.AllowLoopbackPorts.Contains(uri.Port);
        }

        // A single-label name (https://intranet/hook) or a private suffix resolves only inside some network.
        return Options.AllowPrivateNetworks
            || (name.Contains('.', StringComparison.Ordinal) && !InternalSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)));
    }

    private bool IsAllowedLoopbackPort(Uri uri) => (Options.AllowLoopback || Options.AllowLoopbackPorts.Contains(uri.Port)) && IsLoopbackHost(uri);

    private static bool IsLoopbackHost(Uri uri)
    {
        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        return IPAddress.TryParse(host, out var address)
            ? OutboundAddresses.Classify(address) == AddressKind.Loopback
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }
}

public static class OutboundRules
{
    /// <summary>Adds the policy's reason to <paramref name="field"/> when the server may not send to <paramref name="url"/>; null or empty passes.</summary>
    public static async Task<Rules> CheckOutboundUrlAsync(this Rules rules, OutboundPolicy policy, string? url, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrEmpty(url))
        {
            return rules;
        }

        var problem = await policy.CheckUrlAsync(url, cancellationToken);
        return rules.Check(problem is null, field, problem ?? "");
    }
}
