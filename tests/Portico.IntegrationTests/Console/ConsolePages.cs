using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Portico.IntegrationTests.Console;

/// <summary>What browser tests do often: sign in, wait for the page, save a screenshot, scan for accessibility problems.</summary>
public static class ConsolePages
{
    /// <summary>Where screenshots go: <c>PORTICO_SCREENSHOTS</c> (scripts/test.sh puts them beside the test results), else the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("PORTICO_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Signs in through the sign-in page and waits for the page the console lands on.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        // Pages render only once the circuit is connected (no prerendering): a visible field is an interactive one.
        await page.Locator("input[data-test=email]").FillAsync(email);
        await page.Locator("input[data-test=password]").FillAsync(password);
        await page.Locator("[data-test=sign-in]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Saves a full-page screenshot named after the screen, as a test artifact.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core (the npm package installed by scripts/test.sh into tests/browser-tools) on the page and
    /// returns its serious and critical violations, each as "rule: target". Toasts are left out: they come and go while
    /// the scan runs, and their colours are the theme's status colours, chosen for white text.
    /// </summary>
    /// <summary>Chooses a file in the page's file input once Blazor listens to it: its InputFile starts listening after
    /// the first render, and a file chosen before that is lost (a person is never that fast; a test is).</summary>
    public static async Task ChooseFileAsync(this IPage page, FilePayload file)
    {
        var input = page.Locator("input[type=file]");
        await Patience.UntilAsync(
            async () => await input.CountAsync() == 1 && await input.EvaluateAsync<bool>("input => input._blazorInputFileNextFileId !== undefined"),
            "the file input to be ready");
        await input.SetInputFilesAsync(file);
    }

    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(this IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a <script>: the console's CSP rightly refuses inline scripts.
        await page.EvaluateAsync(AxeScript.Value + "\n;void 0");
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run({ exclude: [['#mud-snackbar-container'], ['.mud-snackbar']] }, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.slice(0, 200)).slice(0, 5) }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()}: {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")
            .ToList();
    }

    private static readonly Lazy<string> AxeScript = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "browser-tools", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new InvalidOperationException("axe-core is not installed: run `npm ci --prefix tests/browser-tools` (scripts/test.sh does).");
    });
}
