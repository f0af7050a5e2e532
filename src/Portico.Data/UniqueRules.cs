using Microsoft.EntityFrameworkCore;
using Portico.Kernel.Errors;

namespace Portico.Data;

/// <summary>
/// "One per …" rules (one contact per email, one tenant per slug, one field per key). Each is guaranteed by a unique
/// index and answered the same way on both paths a duplicate can take: a use case looks for the record that holds the
/// value before saving (the common case, a clear 409 naming it), and when two requests pass that check at the same
/// moment the index refuses the second write, which <see cref="ModuleDbContext"/> turns into a generic 409
/// <c>duplicate</c>; <see cref="SaveAsync"/> then asks the same question again, now that the winner is committed, and
/// answers with the same 409 as the check would have. Never a 500, and nothing logged as an error.
/// </summary>
public static class UniqueRules
{
    /// <summary>
    /// Runs <paramref name="save"/>; when a unique index refuses it, throws what <paramref name="conflict"/> finds (the
    /// rule's own 409 naming the record that won), or the generic <c>duplicate</c> 409 when it finds nothing. A
    /// transaction of <paramref name="context"/> still open is rolled back first: PostgreSQL refuses every statement
    /// after an error inside one, and the write it held is refused anyway.
    /// </summary>
    public static async Task SaveAsync(DbContext context, Func<Task> save, Func<Task<PorticoProblemException?>> conflict)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(conflict);
        try
        {
            await save();
        }
        catch (ConflictException duplicate) when (duplicate.Code == ConflictException.DuplicateCode)
        {
            if (context.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync();
            }

            throw await conflict() ?? duplicate;
        }
    }

    /// <summary>Throws <paramref name="conflict"/> when there is one (the check before saving).</summary>
    public static void ThrowIf(PorticoProblemException? conflict)
    {
        if (conflict is not null)
        {
            throw conflict;
        }
    }
}
