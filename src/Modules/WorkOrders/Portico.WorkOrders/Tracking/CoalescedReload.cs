namespace Portico.WorkOrders.Tracking;

/// <summary>
/// One reload at a time for a client's page refreshed by live events, which come in bursts (a move, its timeline entry,
/// a stage): a reload asked for while one runs becomes one more run after it, however many were asked for.
/// </summary>
internal sealed class CoalescedReload(Func<Task> reload)
{
    private int _asked;

    public async Task RunAsync()
    {
        if (Interlocked.Increment(ref _asked) > 1)
        {
            return;
        }

        try
        {
            do
            {
                Volatile.Write(ref _asked, 1);
                await reload();
            }
            while (Interlocked.Decrement(ref _asked) > 0);
        }
        catch (Exception)
        {
            Volatile.Write(ref _asked, 0);
            throw;
        }
    }
}
