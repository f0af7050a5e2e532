using Microsoft.EntityFrameworkCore;
using Portico.Kernel.Errors;

namespace Portico.Data;

/// <summary>
/// What "no If-Match" promises (last write wins) for a plain field edit whose row a background writer also stamps
/// (the Catalog marks a service booked when its first appointment is made). An edit that collided between its read
/// and its save runs again on fresh rows, at most three times in all, so the user's change is applied and the stamp kept.
/// A request with If-Match still gets its 412: the client asked to be told.
/// Only for edits that re-check everything they rely on when run again; transitions whose rules depend on the state
/// they read keep their conflict.
/// </summary>
public static class LastWriteWins
{
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(DbContext db, long? expectedVersion, Func<Task<T>> edit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(edit);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await edit();
            }
            catch (ConcurrencyException) when (expectedVersion is null && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
