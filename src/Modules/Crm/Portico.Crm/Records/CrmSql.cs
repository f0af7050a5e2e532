using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portico.Crm.Records;

/// <summary>
/// Reads custom field values out of a record's JSON in SQL: <c>jsonb_extract_path_text</c> on PostgreSQL,
/// <c>json_extract</c> on SQLite. The same methods also run in memory (the keyset cursor of a page sorted by
/// a custom field is read from the last row), with the same meaning.
/// </summary>
internal static class CrmSql
{
    public static string? Text(string json, string key) => Value(json, key) is { } v
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Array or JsonValueKind.Object => v.GetRawText(),
            JsonValueKind.Null => null,
            _ => v.GetRawText(),
        }
        : null;

    public static double? Number(string json, string key) => Value(json, key) is { } v
        ? v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null
        : null;

    /// <summary>The amount of a money value <c>{"amount": "12.50", "currency": "EUR"}</c>.</summary>
    public static double? MoneyAmount(string json, string key) =>
        Value(json, key) is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("amount", out var amount)
            && double.TryParse(amount.ValueKind == JsonValueKind.String ? amount.GetString() : amount.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : null;

    public static bool? Bool(string json, string key) => Value(json, key) is { } v && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Whether a multi-select value (a JSON array of strings) holds <paramref name="item"/>.</summary>
    public static bool HasItem(string json, string key, string item) =>
        Value(json, key) is { ValueKind: JsonValueKind.Array } v && v.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == item);

    private static JsonElement? Value(string json, string key)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) ? value.Clone() : null;
    }

    /// <summary>Lower-cased with Unicode rules on both providers (SQLite's own lower() knows ASCII only).</summary>
    public static string Lower(string text) => text.ToLowerInvariant();

    /// <summary>The calendar day (<c>yyyy-MM-dd</c>) of a moment in a time zone: by its IANA name on PostgreSQL, by a
    /// fixed shift such as <c>+180 minutes</c> (the zone's current offset) on SQLite. SQL only, for grouping.</summary>
    public static string Day(DateTimeOffset at, string zone, string shift) => throw new InvalidOperationException("SQL only.");

    /// <summary>Seconds since 1970 of a moment, in SQL, for differences of moments. SQL only.</summary>
    public static double Seconds(DateTimeOffset at) => throw new InvalidOperationException("SQL only.");

    /// <summary>Registers the SQL translations of the provider in use.</summary>
    public static void Register(ModelBuilder model, bool postgres)
    {
        model.HasDbFunction(Method(nameof(Day))).HasTranslation(a => postgres
            ? Function("to_char", [Function("timezone", [a[1], a[0]], typeof(DateTime), postgres), Constant("YYYY-MM-DD")], typeof(string), postgres)
            : Function("date", [a[0], a[2]], typeof(string), postgres));
        model.HasDbFunction(Method(nameof(Seconds))).HasTranslation(a => postgres
            ? Function("date_part", [Constant("epoch"), a[0]], typeof(double), postgres)
            : new SqlBinaryExpression(ExpressionType.Multiply,
                new SqlBinaryExpression(ExpressionType.Subtract, Function("julianday", [a[0]], typeof(double), postgres),
                    new SqlConstantExpression(2440587.5, typeof(double), new DoubleTypeMapping("REAL")), typeof(double), new DoubleTypeMapping("REAL")),
                new SqlConstantExpression(86400.0, typeof(double), new DoubleTypeMapping("REAL")), typeof(double), new DoubleTypeMapping("REAL")));
        var doubleType = postgres ? "double precision" : "REAL";
        model.HasDbFunction(Method(nameof(Lower))).HasTranslation(a => Function(postgres ? "lower" : "unicode_lower", [a[0]], typeof(string), postgres));
        model.HasDbFunction(Method(nameof(Text))).HasTranslation(a => Extract(postgres, a[0], a[1], null));
        model.HasDbFunction(Method(nameof(Number))).HasTranslation(a => Cast(Extract(postgres, a[0], a[1], null), typeof(double), doubleType));
        model.HasDbFunction(Method(nameof(MoneyAmount))).HasTranslation(a => Cast(Extract(postgres, a[0], a[1], "amount"), typeof(double), doubleType));
        model.HasDbFunction(Method(nameof(Bool))).HasTranslation(a => postgres
            ? Cast(Extract(postgres, a[0], a[1], null), typeof(bool), "boolean")
            : Extract(postgres, a[0], a[1], null, typeof(bool)));
        model.HasDbFunction(Method(nameof(HasItem))).HasTranslation(a => postgres
            ? Function("jsonb_exists", [Function("jsonb_extract_path", [a[0], a[1]], typeof(string), postgres), a[2]], typeof(bool), postgres)
            : new SqlBinaryExpression(
                ExpressionType.GreaterThan,
                Function("instr", [Extract(postgres, a[0], a[1], null), Concat(Constant("\""), a[2], Constant("\""))], typeof(int), postgres),
                new SqlConstantExpression(0, typeof(int), new IntTypeMapping("INTEGER")),
                typeof(bool),
                new BoolTypeMapping("INTEGER")));
    }

    private static System.Reflection.MethodInfo Method(string name) => typeof(CrmSql).GetMethod(name)!;

    private static SqlExpression Extract(bool postgres, SqlExpression json, SqlExpression key, string? subKey, Type? type = null)
    {
        if (postgres)
        {
            SqlExpression[] args = subKey is null ? [json, key] : [json, key, Constant(subKey)];
            return Function("jsonb_extract_path_text", args, type ?? typeof(string), postgres);
        }

        var path = subKey is null ? Concat(Constant("$."), key) : Concat(Constant("$."), key, Constant("." + subKey));
        return Function("json_extract", [json, path], type ?? typeof(string), postgres);
    }

    private static SqlExpression Concat(params SqlExpression[] parts) =>
        parts.Skip(1).Aggregate(parts[0], (left, right) => new SqlBinaryExpression(ExpressionType.Add, left, right, typeof(string), new StringTypeMapping("TEXT", System.Data.DbType.String)));

    private static SqlConstantExpression Constant(string value) => new(value, typeof(string), new StringTypeMapping("TEXT", System.Data.DbType.String));

    // Every function carries its store type: EF Core cannot infer one for a function nested in a cast or a
    // COALESCE (a sort key), and fails the query without it. Arguments do not "propagate nullability": a missing
    // key gives NULL from non-null arguments, and with propagation EF Core rewrites "value IS NULL" (the empty
    // filter) into "json IS NULL OR key IS NULL", which is never true.
    private static SqlFunctionExpression Function(string name, SqlExpression[] args, Type type, bool postgres) =>
        new(name, args, nullable: true, argumentsPropagateNullability: args.Select(_ => false).ToArray(), type, MappingOf(type, postgres));

    private static RelationalTypeMapping? MappingOf(Type type, bool postgres) =>
        type == typeof(string) ? new StringTypeMapping(postgres ? "text" : "TEXT", System.Data.DbType.String)
        : type == typeof(bool) ? new BoolTypeMapping(postgres ? "boolean" : "INTEGER")
        : type == typeof(int) ? new IntTypeMapping(postgres ? "integer" : "INTEGER")
        : type == typeof(double) ? new DoubleTypeMapping(postgres ? "double precision" : "REAL")
        : type == typeof(DateTime) ? new DateTimeTypeMapping(postgres ? "timestamp without time zone" : "TEXT")
        : null;

    private static SqlUnaryExpression Cast(SqlExpression operand, Type type, string storeType) =>
        new(ExpressionType.Convert, operand, type, type == typeof(bool) ? new BoolTypeMapping(storeType) : new DoubleTypeMapping(storeType));
}
