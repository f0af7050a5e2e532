using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portico.Kernel.Domain;
using Portico.Kernel.Errors;
using Portico.Kernel.Paging;

namespace Portico.Data.Paging;

/// <summary>
/// The whitelist of fields a list can be sorted by. An unknown field is a 400 naming the allowed
/// ones. Every sort ends with the id (UUIDv7), so pages never skip or repeat a row.
/// </summary>
public sealed class SortFields<T>
    where T : Entity
{
    private readonly Dictionary<string, ISortField> _fields = new(StringComparer.OrdinalIgnoreCase);

    public SortFields(string defaultSort) => DefaultSort = defaultSort;

    public string DefaultSort { get; }

    public IEnumerable<string> Names => _fields.Keys;

    /// <summary>Adds a sortable field. Keys must be non-null columns, ideally indexed with the tenant id.</summary>
    public SortFields<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = new SortField<TKey>(name, key);
        return this;
    }

    internal (ISortField Field, bool Descending) Parse(string? sort)
    {
        var text = sort ?? DefaultSort;
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+');
        if (!_fields.TryGetValue(name, out var field))
        {
            throw new BadRequestException(
                $"Cannot sort by '{name}'. Sortable fields: {string.Join(", ", _fields.Keys.Select(k => k))}.", "invalid-sort");
        }

        return (field, descending);
    }

    internal interface ISortField
    {
        string Name { get; }

        IQueryable<T> Apply(IQueryable<T> query, bool descending, JsonElement? after, Guid? afterId);

        object? ValueOf(T item);

        JsonElement Serialize(object? value);
    }

    private sealed class SortField<TKey>(string name, Expression<Func<T, TKey>> key) : ISortField
    {
        // Compiling a key costs far more than a request: each distinct key (by its text, which names the field and,
        // for custom fields, the JSON key) is compiled once per process, and only when a page needs its cursor.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<T, TKey>> Compiled = new(StringComparer.Ordinal);

        public string Name => name;

        public object? ValueOf(T item) => Compiled.GetOrAdd(key.ToString(), static (_, k) => k.Compile(), key)(item);

        public JsonElement Serialize(object? value) => JsonSerializer.SerializeToElement((TKey?)value);

        public IQueryable<T> Apply(IQueryable<T> query, bool descending, JsonElement? after, Guid? afterId)
        {
            if (after is { } raw && afterId is { } id)
            {
                TKey? value;
                try
                {
                    value = raw.Deserialize<TKey>();
                }
                catch (JsonException)
                {
                    throw Keyset.InvalidCursor();
                }

                query = query.Where(After(value, id, descending));
            }

            return descending
                ? query.OrderByDescending(key).ThenByDescending(e => e.Id)
                : query.OrderBy(key).ThenBy(e => e.Id);
        }

        // (key > v) OR (key = v AND id > afterId), mirrored for descending order.
        private Expression<Func<T, bool>> After(TKey? value, Guid afterId, bool descending)
        {
            var item = key.Parameters[0];
            var body = key.Body;
            var constant = Expression.Property(Expression.Constant(new Box<TKey?>(value)), nameof(Box<TKey>.Value));
            var beyond = Compare(body, Expression.Convert(constant, typeof(TKey)), descending);
            var equal = Expression.Equal(body, Expression.Convert(constant, typeof(TKey)));
            var idProperty = Expression.Property(item, nameof(Entity.Id));
            var idBeyond = Compare(idProperty, Expression.Property(Expression.Constant(new Box<Guid>(afterId)), nameof(Box<Guid>.Value)), descending);
            return Expression.Lambda<Func<T, bool>>(Expression.OrElse(beyond, Expression.AndAlso(equal, idBeyond)), item);
        }

        private static BinaryExpression Compare(Expression left, Expression right, bool descending)
        {
            // Strings and Guids have no < operator in C#; CompareTo(...) > 0 is what EF Core translates.
            if (left.Type == typeof(string) || left.Type == typeof(Guid) || left.Type == typeof(bool))
            {
                var compareTo = left.Type.GetMethod(nameof(string.CompareTo), [left.Type])!;
                var call = Expression.Call(left, compareTo, right);
                return descending ? Expression.LessThan(call, Expression.Constant(0)) : Expression.GreaterThan(call, Expression.Constant(0));
            }

            return descending ? Expression.LessThan(left, right) : Expression.GreaterThan(left, right);
        }
    }

    // A closure-like holder so EF Core sends the cursor value as a parameter, not a literal.
    private sealed class Box<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}

/// <summary>Keyset pagination with opaque cursors: stable under inserts, no OFFSET scans.</summary>
public static class Keyset
{
    private sealed record CursorData(string S, JsonElement V, Guid I);

    // A cursor must carry every field of its position; a missing or null one means it was tampered with.
    private static readonly JsonSerializerOptions CursorJson = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest request, SortFields<T> fields, CancellationToken cancellationToken)
        where T : Entity => query.ToPageAsync(request, fields, shape: null, cancellationToken);

    /// <summary>
    /// A keyset page; <paramref name="shape"/> (an initializer of <typeparamref name="T"/> naming the columns the page
    /// shows, sort keys included) keeps columns no one reads (search text, import keys) out of the statement.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(
        this IQueryable<T> query, PageRequest request, SortFields<T> fields, Expression<Func<T, T>>? shape, CancellationToken cancellationToken)
        where T : Entity
    {
        var (field, descending) = fields.Parse(request.Sort);
        var sortKey = (descending ? "-" : "") + field.Name;
        JsonElement? after = null;
        Guid? afterId = null;
        if (request.Cursor is not null)
        {
            var cursor = Decode(request.Cursor);
            if (!string.Equals(cursor.S, sortKey, StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequestException("The cursor belongs to a different sort order; start again without a cursor.", "invalid-cursor");
            }

            (after, afterId) = (cursor.V, cursor.I);
        }

        var page = field.Apply(query, descending, after, afterId).Take(request.Limit + 1);
        var rows = await (shape is null ? page : page.Select(shape)).ToListAsync(cancellationToken);
        if (rows.Count <= request.Limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new Page<T>(rows, Encode(new CursorData(sortKey, field.Serialize(field.ValueOf(last)), last.Id)));
    }

    /// <summary>Encodes any small keyset position as an opaque, URL-safe cursor.</summary>
    public static string EncodeCursor<TCursor>(TCursor cursor) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor, CursorJson));

    /// <summary>Decodes a cursor made by <see cref="EncodeCursor{TCursor}"/>; anything else is a 400.</summary>
    public static TCursor DecodeCursor<TCursor>(string cursor)
    {
        try
        {
            return JsonSerializer.Deserialize<TCursor>(Base64Url.DecodeFromChars(cursor), CursorJson) ?? throw InvalidCursor();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw InvalidCursor();
        }
    }

    internal static BadRequestException InvalidCursor() =>
        new("The cursor is not valid. Use the nextCursor value of a previous page as it was given.", "invalid-cursor");

    private static string Encode(CursorData data) => EncodeCursor(data);

    private static CursorData Decode(string cursor) => DecodeCursor<CursorData>(cursor);
}
