using System.Net;
using System.Net.Sockets;

namespace Portico.Kernel.Http;

/// <summary>What kind of network an address belongs to, for the outbound policy.</summary>
public enum AddressKind
{
    /// <summary>A public internet address: outbound calls may reach it.</summary>
    Public,

    /// <summary>127.0.0.0/8 and ::1 (and their IPv4-mapped forms): reachable only when the operator allows it for tests or development.</summary>
    Loopback,

    /// <summary>Private networks an on-premises installation may want to reach: 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7.</summary>
    Private,

    /// <summary>Never reachable: unspecified, link-local (cloud metadata), multicast, broadcast, documentation, NAT64, 6to4, Teredo, reserved.</summary>
    Refused,
}

/// <summary>
/// Classifies IP addresses for outbound calls made on a tenant's behalf. IPv4-mapped IPv6 addresses are judged
/// by the IPv4 inside; every IPv6 address outside global unicast (2000::/3) is refused, which covers NAT64
/// (64:ff9b::/96), IPv4-compatible, link-local, unique-local and multicast forms in one rule, and the
/// transition prefixes inside 2000::/3 that can carry an IPv4 address (6to4, Teredo) are refused too.
/// </summary>
public static class OutboundAddresses
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("fc00::/7"),
    ];

    // Not routable on the public internet (RFC 6890 and its IANA registries), beyond loopback and private.
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.31.196.0/24"), IPNetwork.Parse("192.52.193.0/24"), IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.175.48.0/24"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    // Inside 2000::/3 but not a plain public host: IETF protocol assignments with Teredo (2001::/32), documentation, 6to4, ORCHIDv2.
    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"), IPNetwork.Parse("3fff::/20"),
    ];

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Loopback.Any(n => n.Contains(address)))
        {
            return AddressKind.Loopback;
        }

        if (Private.Any(n => n.Contains(address)))
        {
            return AddressKind.Private;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when !RefusedV4.Any(n => n.Contains(address)) => AddressKind.Public,
            AddressFamily.InterNetworkV6 when GlobalUnicastV6.Contains(address) && !RefusedV6.Any(n => n.Contains(address)) => AddressKind.Public,
            _ => AddressKind.Refused,
        };
    }

    public static bool IsPublic(IPAddress address) => Classify(address) == AddressKind.Public;
}
