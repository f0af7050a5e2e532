namespace Portico.Console.Shell;

/// <summary>
/// Loads that can overlap (a search typed while the previous one still runs): only the newest one's answer is
/// applied, so an older, slower answer never replaces the list the user asked for last.
/// </summary>
public sealed class LatestLoad
{
    private int _started;

    /// <summary>Runs <paramref name="load"/>; its answer goes to <paramref name="apply"/> unless a newer load started meanwhile.</summary>
    public async Task RunAsync<T>(Func<Task<T>> load, Func<T, Task> apply)
    {
        var mine = Interlocked.Increment(ref _started);
        var answer = await load();
        if (mine == Volatile.Read(ref _started))
        {
            await apply(answer);
        }
    }
}
