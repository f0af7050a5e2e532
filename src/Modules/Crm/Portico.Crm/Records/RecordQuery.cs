using System.Globalization;
using System.Linq.Expressions;
using Portico.Crm.CustomFields;
using Portico.Data.Paging;
using Portico.Kernel.Paging;

namespace Portico.Crm.Records;

/// <summary>
/// The filters and sorts a record type offers, standard fields and custom fields alike. A filter is a plain query
/// parameter, <c>field=value</c> or <c>field[op]=value</c> with op one of <c>eq ne gt gte lt lte in empty contains</c>;
/// custom fields are <c>cf.{key}</c>. Unknown fields and bad values are a 400 naming them.
/// </summary>
internal sealed class RecordSchema<T>(string recordType, string defaultSort)
    where T : CrmRecord
{
    private readonly Dictionary<string, LambdaExpression> _filters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, LambdaExpression Key)> _sorts = [];
    private readonly HashSet<string> _tagFilters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LambdaExpression> _moneyCurrencies = new(StringComparer.OrdinalIgnoreCase);

    public string RecordType => recordType;

    /// <summary>A field that can be filtered; also sortable when <paramref name="sortable"/> (keys must not be null then).</summary>
    public RecordSchema<T> Field<TKey>(string name, Expression<Func<T, TKey>> key, bool sortable = false)
    {
        _filters[name] = key;
        if (sortable)
        {
            _sorts.Add((name, key));
        }

        return this;
    }

    /// <summary>A <c>|a|b|</c> tag column: <c>tags=vip</c> and <c>tags[in]=vip,regular</c> match records having the tag(s).</summary>
    public RecordSchema<T> Tags(string name, Expression<Func<T, string>> key)
    {
        _filters[name] = key;
        _tagFilters.Add(name);
        return this;
    }

    /// <summary>
    /// An amount kept in minor units beside its currency: <c>value[gte]=1500.50</c> means 1 500.50 in the currency of the
    /// <c>currency</c> filter when one is given, else in the tenant's currency, read with that currency's decimals (2 for
    /// EUR, 0 for JPY, 3 for KWD), and matches only amounts in that currency: 15 000 JPY is not "at least 100 EUR".
    /// </summary>
    public RecordSchema<T> Money(string name, Expression<Func<T, long?>> minor, Expression<Func<T, string?>> currency)
    {
        _filters[name] = minor;
        _moneyCurrencies[name] = currency;
        return this;
    }

    public IEnumerable<string> FilterNames => _filters.Keys;

    /// <summary>Applies every filter of <paramref name="query"/>; returns the query and the sort fields (custom sortable ones included).</summary>
    public async Task<(IQueryable<T> Query, SortFields<T> Sorts)> ApplyAsync(
        IQueryable<T> source, RecordQuery query, CustomFieldValues fields, CancellationToken cancellationToken)
    {
        var definitions = await fields.DefinitionsAsync(recordType, cancellationToken);
        var sorts = new SortFields<T>(defaultSort);
        foreach (var (name, key) in _sorts)
        {
            AddSort(sorts, name, key);
        }

        foreach (var definition in definitions.Where(d => d.Type is not (FieldTypes.MultiSelect or FieldTypes.LongText)))
        {
            AddSort(sorts, "cf." + definition.Key, SortKey(definition));
        }

        foreach (var (name, op, value) in query.Filters)
        {
            LambdaExpression? key;
            CustomFieldDefinition? definition = null;
            if (name.StartsWith("cf.", StringComparison.OrdinalIgnoreCase))
            {
                definition = definitions.FirstOrDefault(d => string.Equals(d.Key, name[3..], StringComparison.Ordinal))
                    ?? throw new BadRequestException($"'{name[3..]}' is not a custom field of {recordType} records.", "invalid-filter");
                key = FilterKey(definition);
            }
            else if (!_filters.TryGetValue(name, out key))
            {
                throw new BadRequestException(
                    $"Cannot filter by '{name}'. Filters: {string.Join(", ", _filters.Keys)}, and cf.{{key}} for custom fields.", "invalid-filter");
            }

            string? moneyCurrency = null;
            if (_moneyCurrencies.TryGetValue(name, out var currencyKey) && op != "empty")
            {
                moneyCurrency = await MoneyCurrencyAsync(query, fields, cancellationToken);
                source = source.Where(Predicate(currencyKey, "currency", "eq", moneyCurrency, null));
            }

            source = source.Where(definition?.Type == FieldTypes.MultiSelect || _tagFilters.Contains(name)
                ? ItemPredicate(key, name, op, value, definition)
                : Predicate(key, name, op, value, moneyCurrency));
        }

        return (source, sorts);
    }

    private static async Task<string> MoneyCurrencyAsync(RecordQuery query, CustomFieldValues fields, CancellationToken cancellationToken) =>
        query.Currency ?? await fields.TenantCurrencyAsync(cancellationToken);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.MethodInfo> TypedSorts = new();

    private static void AddSort(SortFields<T> sorts, string name, LambdaExpression key) =>
        TypedSorts.GetOrAdd(key.ReturnType, static type => typeof(RecordSchema<T>)
                .GetMethod(nameof(AddTypedSort), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type))
            .Invoke(null, [sorts, name, key]);

    private static void AddTypedSort<TKey>(SortFields<T> sorts, string name, Expression<Func<T, TKey>> key) => sorts.Add(name, key);

    private static readonly ParameterExpression Item = Expression.Parameter(typeof(T), "r");

    private static MethodCallExpression Json(string method, string key) =>
        Expression.Call(typeof(CrmSql).GetMethod(method)!, Expression.Property(Item, nameof(CrmRecord.CustomFields)), Expression.Constant(key));

    private static LambdaExpression FilterKey(CustomFieldDefinition definition) => Expression.Lambda(definition.Type switch
    {
        FieldTypes.Number => Json(nameof(CrmSql.Number), definition.Key),
        FieldTypes.Money => Json(nameof(CrmSql.MoneyAmount), definition.Key),
        FieldTypes.Boolean => Json(nameof(CrmSql.Bool), definition.Key),
        _ => Json(nameof(CrmSql.Text), definition.Key),
    }, Item);

    // Sort keys must never be null (keyset comparisons skip nulls): missing values sort first.
    private static LambdaExpression SortKey(CustomFieldDefinition definition) => Expression.Lambda(definition.Type switch
    {
        FieldTypes.Number => Expression.Coalesce(Json(nameof(CrmSql.Number), definition.Key), Expression.Constant(-1e15)),
        FieldTypes.Money => Expression.Coalesce(Json(nameof(CrmSql.MoneyAmount), definition.Key), Expression.Constant(-1e15)),
        FieldTypes.Boolean => Expression.Coalesce(Json(nameof(CrmSql.Bool), definition.Key), Expression.Constant(false)),
        _ => Expression.Coalesce(Json(nameof(CrmSql.Text), definition.Key), Expression.Constant("")),
    }, Item);

    private static Expression<Func<T, bool>> Predicate(LambdaExpression key, string name, string op, string raw, string? moneyCurrency)
    {
        var body = Rebind(key);
        var type = body.Type;
        Expression condition = op switch
        {
            "eq" => Expression.Equal(body, Constant(Parse(raw, type, name, moneyCurrency), type)),
            "ne" => Expression.NotEqual(body, Constant(Parse(raw, type, name, moneyCurrency), type)),
            "gt" or "gte" or "lt" or "lte" => Compare(body, op, Constant(Parse(raw, type, name, moneyCurrency), type)),
            "in" => Expression.Call(
                typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(type),
                Constant(ListOf(type, raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => Parse(v, type, name, moneyCurrency))), typeof(IEnumerable<>).MakeGenericType(type)),
                body),
            "empty" => Empty(body, ParseBool(raw, name)),
            "contains" when type == typeof(string) => Expression.AndAlso(
                Expression.NotEqual(body, Expression.Constant(null, typeof(string))),
                Expression.Call(Expression.Call(typeof(CrmSql).GetMethod(nameof(CrmSql.Lower))!, body), nameof(string.Contains), Type.EmptyTypes, Constant(raw.ToLowerInvariant(), typeof(string)))),
            _ => throw new BadRequestException($"'{op}' is not a filter operator for '{name}'. Operators: eq, ne, gt, gte, lt, lte, in, empty, contains (text).", "invalid-filter"),
        };
        return Expression.Lambda<Func<T, bool>>(condition, Item);
    }

    // Tags and multi-selects: eq/in mean "has (any of) these items"; empty means none.
    private static Expression<Func<T, bool>> ItemPredicate(LambdaExpression key, string name, string op, string raw, CustomFieldDefinition? definition)
    {
        var items = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Expression Has(string item) => definition is null
            ? Expression.Call(Rebind(key), nameof(string.Contains), Type.EmptyTypes, Constant("|" + item + "|", typeof(string)))
            : Expression.Call(typeof(CrmSql).GetMethod(nameof(CrmSql.HasItem))!, Expression.Property(Item, nameof(CrmRecord.CustomFields)), Expression.Constant(definition.Key), Constant(item, typeof(string)));
        Expression condition = op switch
        {
            "eq" or "in" when items.Length > 0 => items.Select(Has).Aggregate(Expression.OrElse),
            "empty" => definition is null
                ? Expression.Equal(Rebind(key), Expression.Constant("")) is var none && ParseBool(raw, name) ? none : Expression.Not(none)
                : Empty(Rebind(FilterKey(definition)), ParseBool(raw, name)),
            _ => throw new BadRequestException($"'{name}' takes eq, in or empty.", "invalid-filter"),
        };
        return Expression.Lambda<Func<T, bool>>(condition, Item);
    }

    private static Expression Rebind(LambdaExpression key) => new Rebinder(key.Parameters[0], Item).Visit(key.Body);

    private static Expression Empty(Expression body, bool empty)
    {
        if (body.Type.IsValueType && Nullable.GetUnderlyingType(body.Type) is null)
        {
            return Expression.Constant(!empty);
        }

        Expression isEmpty = Expression.Equal(body, Expression.Constant(null, body.Type));
        if (body.Type == typeof(string))
        {
            isEmpty = Expression.OrElse(isEmpty, Expression.Equal(body, Expression.Constant("")));
        }

        return empty ? isEmpty : Expression.Not(isEmpty);
    }

    private static Expression Compare(Expression body, string op, Expression value)
    {
        if (body.Type == typeof(string) || body.Type == typeof(Guid) || body.Type == typeof(Guid?))
        {
            var left = body.Type == typeof(Guid?) ? Expression.Property(body, "Value") : body;
            var right = value.Type == typeof(Guid?) ? Expression.Property(value, "Value") : value;
            var call = Expression.Call(left, left.Type.GetMethod(nameof(string.CompareTo), [left.Type])!, right);
            body = call;
            value = Expression.Constant(0);
        }

        return op switch
        {
            "gt" => Expression.GreaterThan(body, value),
            "gte" => Expression.GreaterThanOrEqual(body, value),
            "lt" => Expression.LessThan(body, value),
            _ => Expression.LessThanOrEqual(body, value),
        };
    }

    // Values go to SQL as parameters, not literals: wrap them in a closure-like holder.
    private static Expression Constant(object? value, Type type)
    {
        // Holder<> is nested in RecordSchema<T>, so its open type takes T as well.
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(typeof(T), type), value)!;
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    private static object ListOf(Type type, IEnumerable<object?> values)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
        foreach (var value in values)
        {
            list.Add(value);
        }

        return list;
    }

    private static bool ParseBool(string raw, string name) =>
        bool.TryParse(raw, out var value) ? value : throw new BadRequestException($"'{name}[empty]' takes true or false.", "invalid-filter");

    private static object? Parse(string raw, Type type, string name, string? moneyCurrency)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        object? value = target switch
        {
            _ when target == typeof(string) => raw,
            _ when target == typeof(Guid) => Guid.TryParse(raw, out var g) ? g : null,
            _ when target == typeof(long) && moneyCurrency is not null => Records.Money.TryMinor(raw, moneyCurrency, out var minor) ? minor : null,
            _ when target == typeof(long) => long.TryParse(raw, out var n) ? n : null,
            _ when target == typeof(double) => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when target == typeof(bool) => bool.TryParse(raw, out var b) ? b : null,
            _ when target == typeof(DateOnly) => DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null,
            _ => null,
        };
        return value ?? throw new BadRequestException($"'{raw}' is not a valid value for '{name}'.", "invalid-filter");
    }

    private sealed class Rebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>Reads the list parameters every CRM list shares.</summary>
internal static class ListParameters
{
    public static PageRequest Page(this HttpRequest request) => PageRequest.From(
        int.TryParse(request.Query["limit"], out var limit) ? limit : request.Query.ContainsKey("limit") ? -1 : null,
        request.Query["cursor"],
        request.Query["sort"]);
}
