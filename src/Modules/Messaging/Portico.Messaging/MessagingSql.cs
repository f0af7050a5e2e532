using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portico.Messaging;

/// <summary>SQL the providers write differently, for analytics grouped in the database.</summary>
internal static class MessagingSql
{
    /// <summary>
    /// Whole seconds since 1970 of a moment, exact on both providers: PostgreSQL truncates the timestamp to the second
    /// before taking its epoch (a double, then exact); SQLite reads the first 19 characters of the stored UTC string
    /// (<c>yyyy-MM-ddTHH:mm:ss</c>), so a fraction never rounds a moment into the next second. SQL only.
    /// </summary>
    public static long Seconds(DateTimeOffset at) => throw new InvalidOperationException("SQL only.");

    public static void Register(ModelBuilder model, bool postgres)
    {
        var mapping = new LongTypeMapping(postgres ? "bigint" : "INTEGER");
        model.HasDbFunction(typeof(MessagingSql).GetMethod(nameof(Seconds))!).HasTranslation(a => new SqlUnaryExpression(
            ExpressionType.Convert,
            postgres
                ? Function("date_part", [Text("epoch", postgres), Function("date_trunc", [Text("second", postgres), a[0]], typeof(DateTimeOffset), a[0].TypeMapping)], typeof(double), new DoubleTypeMapping("double precision"))
                : Function("strftime", [Text("%s", postgres), Function("substr", [a[0], Int(1), Int(19)], typeof(string), Text(postgres))], typeof(string), Text(postgres)),
            typeof(long),
            mapping));
    }

    private static StringTypeMapping Text(bool postgres) => new(postgres ? "text" : "TEXT", System.Data.DbType.String);

    private static SqlConstantExpression Text(string value, bool postgres) => new(value, typeof(string), Text(postgres));

    private static SqlConstantExpression Int(int value) => new(value, typeof(int), new IntTypeMapping("INTEGER"));

    private static SqlFunctionExpression Function(string name, SqlExpression[] args, Type type, RelationalTypeMapping? mapping) =>
        new(name, args, nullable: true, argumentsPropagateNullability: args.Select(_ => true).ToArray(), type, mapping);
}
