namespace Portico.Kernel.Paging;

/// <summary>One page of a list: its items and the opaque cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), NextCursor);
}

/// <summary>The paging part of a list request: <c>?limit=</c>, <c>?cursor=</c>, <c>?sort=</c>.</summary>
public sealed record PageRequest(int Limit, string? Cursor, string? Sort)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Reads and checks the standard list parameters; a bad value is a 400, not a silent default.</summary>
    public static PageRequest From(int? limit, string? cursor, string? sort)
    {
        var value = limit ?? DefaultLimit;
        if (value is < 1 or > MaxLimit)
        {
            throw new Errors.BadRequestException($"limit must be between 1 and {MaxLimit}.", "invalid-limit");
        }

        return new PageRequest(value, string.IsNullOrEmpty(cursor) ? null : cursor, string.IsNullOrWhiteSpace(sort) ? null : sort.Trim());
    }
}
