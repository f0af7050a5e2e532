using Portico.Console.Shell;

namespace Portico.ConsoleTests;

/// <summary>A search typed while the previous one runs: the older, slower answer never replaces the newer one.</summary>
public sealed class LatestLoadTests
{
    [Fact]
    public async Task An_older_answer_arriving_last_is_not_applied()
    {
        var latest = new LatestLoad();
        var slow = new TaskCompletionSource<string>();
        var applied = new List<string>();

        var first = latest.RunAsync(() => slow.Task, answer => Record(applied, answer));
        await latest.RunAsync(() => Task.FromResult("second"), answer => Record(applied, answer));
        slow.SetResult("first");
        await first;

        applied.ShouldBe(["second"]);
    }

    [Fact]
    public async Task Loads_one_after_another_are_all_applied()
    {
        var latest = new LatestLoad();
        var applied = new List<string>();

        await latest.RunAsync(() => Task.FromResult("a"), answer => Record(applied, answer));
        await latest.RunAsync(() => Task.FromResult("b"), answer => Record(applied, answer));

        applied.ShouldBe(["a", "b"]);
    }

    private static Task Record(List<string> applied, string answer)
    {
        applied.Add(answer);
        return Task.CompletedTask;
    }
}
