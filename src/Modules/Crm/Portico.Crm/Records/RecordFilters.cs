namespace Portico.Crm.Records;

/// <summary>One filter of a CRM list: <paramref name="Field"/> (a standard field or <c>cf.{key}</c>), an operator
/// (<c>eq ne gt gte lt lte in empty contains</c>) and its raw value (a comma list for <c>in</c>).</summary>
public sealed record FieldFilter(string Field, string Op, string Value);

/// <summary>
/// What a CRM list shows: the search text and the filters. Endpoints build it from the query string with
/// <see cref="FromQuery"/> (the one parser of <c>field=value</c> and <c>field[op]=value</c>); pages build it directly.
/// Sort and paging travel apart, in a <c>PageRequest</c>.
/// </summary>
internal sealed record RecordQuery(string? Q, IReadOnlyList<FieldFilter> Filters)
{
    /// <summary>Query-string parameters that are never filters.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "limit", "cursor", "sort", "q", "format", "cascade" };

    public static RecordQuery None { get; } = new(null, []);

    /// <summary>The currency named by a <c>currency=XXX</c> filter, which money filters read their amounts in.</summary>
    public string? Currency => Filters.FirstOrDefault(f => string.Equals(f.Field, "currency", StringComparison.OrdinalIgnoreCase) && f.Op == "eq")?.Value is { Length: > 0 } c ? c : null;

    /// <summary>This query with one more filter.</summary>
    public RecordQuery And(string field, string op, string value) => this with { Filters = [.. Filters, new FieldFilter(field, op, value)] };

    /// <summary>Reads <c>q</c> and every filter parameter; <paramref name="notFilters"/> are other parameters of the endpoint.</summary>
    public static RecordQuery FromQuery(IQueryCollection query, params string[] notFilters)
    {
        var filters = new List<FieldFilter>();
        foreach (var (parameter, values) in query)
        {
            if (Reserved.Contains(parameter) || notFilters.Contains(parameter, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var (name, op) = ParseName(parameter);
            filters.Add(new FieldFilter(name, op, values.ToString()));
        }

        return new RecordQuery(query["q"].ToString() is { Length: > 0 } q ? q : null, filters);
    }

    /// <summary>The query-string form (<c>q=..&amp;field[op]=value</c>) the endpoints read back, for links and exports.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            parts.Add("q=" + Uri.EscapeDataString(Q));
        }

        foreach (var filter in Filters)
        {
            var name = filter.Op == "eq" ? filter.Field : $"{filter.Field}[{filter.Op}]";
            parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(filter.Value));
        }

        return string.Join('&', parts);
    }

    private static (string Name, string Op) ParseName(string parameter)
    {
        var open = parameter.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return (parameter, "eq");
        }

        if (!parameter.EndsWith(']'))
        {
            throw new BadRequestException($"'{parameter}' is not a filter; write field=value or field[op]=value.", "invalid-filter");
        }

        return (parameter[..open], parameter[(open + 1)..^1].ToLowerInvariant());
    }
}
