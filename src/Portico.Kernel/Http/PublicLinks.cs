using Microsoft.Extensions.Configuration;

namespace Portico.Kernel.Http;

/// <summary>
/// Links that leave the platform in emails and texts (magic links, invitations) start at the address
/// people open, <c>Portico:Auth:PublicUrl</c>; one place builds them for every module.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public const string Setting = "Portico:Auth:PublicUrl";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (starting with '/').</summary>
    public string To(string pathAndQuery) => (configuration[Setting] ?? DefaultUrl).TrimEnd('/') + pathAndQuery;
}
