namespace Portico.Crm.Pipelines;

/// <summary>
/// Board order within a stage: each card has a rank (a double). A new card goes to the end with the current
/// time in milliseconds as its rank, so no query is needed; a card dropped between two others takes the midpoint.
/// When two neighbours get too close to split, the stage is renumbered.
/// </summary>
internal static class BoardRanks
{
    private const double MinimumGap = 1e-3;

    public static double AtEnd(DateTimeOffset now) => now.ToUnixTimeMilliseconds();

    /// <summary>The rank for a card placed between the ranks <paramref name="before"/> and <paramref name="after"/> (null: no neighbour); null when the stage must be renumbered first.</summary>
    public static double? Between(double? before, double? after, DateTimeOffset now) => (before, after) switch
    {
        (null, null) => AtEnd(now),
        (null, { } a) => a - 1024,
        ({ } b, null) => Math.Max(b + 1024, AtEnd(now)),
        ({ } b, { } a) when a - b > MinimumGap => b + ((a - b) / 2),
        _ => null,
    };

    /// <summary>Fresh, evenly spaced ranks for a stage's cards in their current order.</summary>
    public static IEnumerable<double> Renumbered(int count) => Enumerable.Range(1, count).Select(i => i * 1024.0);
}
