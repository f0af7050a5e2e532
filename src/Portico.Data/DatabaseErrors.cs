using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portico.Data;

/// <summary>Recognizes provider errors that are the client's fault rather than ours.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// PostgreSQL refuses NUL characters in text (SQLite stores them): a client sending one gets a 400,
    /// whichever query or write tripped over it.
    /// </summary>
    public static bool IsInvalidText(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter,
        DbUpdateException update => update.InnerException is not null && IsInvalidText(update.InnerException),
        InvalidOperationException { InnerException: { } inner } => IsInvalidText(inner),
        _ => false,
    };

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException is { } inner && IsUniqueViolation(inner);

    /// <summary>A provider error (not wrapped by EF Core, as from <see cref="BulkInsert"/>) for a duplicate unique value.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };
}
