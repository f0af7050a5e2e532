namespace Portico.Console.Shell;

/// <summary>Light or dark, for this circuit; the browser remembers the choice (<c>localStorage</c>).</summary>
public sealed class ThemeState
{
    public bool Dark { get; set; }

    public event Action? Changed;

    public void Toggle()
    {
        Dark = !Dark;
        Changed?.Invoke();
    }
}
