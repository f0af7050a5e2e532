namespace Portico.Identity.Pages;

/// <summary>A short, readable name for a session's device from its User-Agent ("Chrome on Windows").</summary>
internal static class Devices
{
    public static string Describe(string? userAgent, string unknown)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return unknown;
        }

        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("OPR/", StringComparison.Ordinal) => "Opera",
            _ when userAgent.Contains("YaBrowser/", StringComparison.Ordinal) => "Yandex Browser",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("HeadlessChrome/", StringComparison.Ordinal) => "Headless Chrome",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => null,
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) || userAgent.Contains("Macintosh", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} · {system}",
            (not null, null) => browser,
            (null, not null) => system,
            _ => userAgent.Length > 60 ? userAgent[..60] + "…" : userAgent,
        };
    }
}
