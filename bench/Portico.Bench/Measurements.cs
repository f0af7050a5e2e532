using System.Globalization;

namespace Portico.Bench;

/// <summary>
/// A published server to measure: what the report calls it (a commit id, say) and its <c>portico.dll</c>. A class, not a
/// record: comparing a build with itself (HEAD against HEAD, to see the noise) gives two builds equal in every field.
/// </summary>
internal sealed class Build(string label, string server)
{
    public string Label { get; } = label;

    public string Server { get; } = server;
}

/// <summary>Whether a larger value of a figure is an improvement (rates) or a regression (times, CPU, errors).</summary>
internal enum Better
{
    Higher,
    Lower,
}

/// <summary>
/// One number of a measurement, as the comparison table shows it. <paramref name="AtLeast"/> marks a value that is
/// only a lower bound: a percentile that fell on requests which timed out (the value is then the timeout).
/// </summary>
internal sealed record Figure(string Name, double Value, string Unit, Better Better, string? Format = null, bool AtLeast = false)
{
    public static Figure Rate(string name, double value) => new(name, value, "/s", Better.Higher);

    public static Figure Ms(string name, double value, bool atLeast = false) => new(name, value, "ms", Better.Lower, AtLeast: atLeast);

    public static Figure Count(string name, double value) => new(name, value, "", Better.Lower, "0");

    /// <summary>Three significant digits or so unless a format was given: 0.042, 3.21, 45.6, 4570.</summary>
    public string Text => double.IsNaN(Value)
        ? "–"
        : (AtLeast ? "≥ " : "") + Value.ToString(Format ?? (Math.Abs(Value) >= 100 ? "0" : Math.Abs(Value) >= 10 ? "0.0" : Math.Abs(Value) >= 1 ? "0.00" : "0.000"), CultureInfo.InvariantCulture);
}

/// <summary>
/// A measured window and its figures, with the load averages (<c>/proc/loadavg</c>: 1, 5, 15 min) when it started and
/// ended: a comparison is only as good as the two windows were alike.
/// </summary>
internal sealed record Measurement(string Name, string? LoadStart, string? LoadEnd, IReadOnlyList<Figure> Figures);

/// <summary>What one scenario run produced for one build: its markdown section and the figures a comparison needs.</summary>
internal sealed record ScenarioRun(string Markdown, IReadOnlyList<Measurement> Measurements);

/// <summary>Collects measurements, taking the load average at the start and the end of each window.</summary>
internal sealed class MeasurementLog
{
    private readonly List<Measurement> _measurements = [];
    private string? _loadStart;

    public IReadOnlyList<Measurement> Measurements => _measurements;

    /// <summary>Call right before a measured window opens.</summary>
    public void Start() => _loadStart = Report.LoadAverage();

    /// <summary>Call right after the window closed: the load average now is its end.</summary>
    public void Add(string name, params Figure[] figures) => _measurements.Add(new Measurement(name, _loadStart, Report.LoadAverage(), figures));

    /// <summary>A measurement whose window was bracketed elsewhere (a whole scenario, say).</summary>
    public void Add(string name, string? loadStart, string? loadEnd, params Figure[] figures) =>
        _measurements.Add(new Measurement(name, loadStart, loadEnd, figures));
}
