using System.Runtime.CompilerServices;
using System.Text.Json;
using Portico.Crm.Contacts;
using Portico.Crm.CustomFields;
using Portico.Crm.Deals;
using Portico.Crm.Leads;
using Portico.Crm.Records;
using Portico.Kernel.Domain;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Exports;

/// <summary>
/// Exports a list as CSV or XLSX with the same <c>q</c>, filters and restricted visibility as the list itself (its
/// query is the list handler's), in id order, read from the database a chunk at a time. Columns: the standard
/// fields, then every custom field as «Label (cf.key)», which an import maps back to the field.
/// </summary>
internal static class ExportRecords
{
    /// <summary>The file's format (<c>csv</c> or <c>xlsx</c>) and CSV delimiter (<c>,</c> <c>;</c> or <c>tab</c>); null means the default.</summary>
    internal sealed record ExportOptions(string? Format, string? Delimiter)
    {
        public static ExportOptions From(IQueryCollection query) => new(query["format"], query["delimiter"]);
    }

    /// <summary>Rows read per query.</summary>
    private const int ChunkSize = 1000;

    /// <summary>Export parameters that are not filters of the list.</summary>
    private static readonly string[] OwnParameters = ["delimiter"];

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(
        CrmDbContext db, CrmAccess access, CustomFieldValues fields, RequestContext request, TimeProvider clock,
        ListContacts.Handler contacts, ListLeads.Handler leads, ListDeals.Handler deals)
    {
        public async Task<ExportFile> ContactsAsync(RecordQuery filters, ExportOptions options, CancellationToken cancellationToken)
        {
            var (format, delimiter) = await OptionsAsync(options, cancellationToken);
            var query = await contacts.QueryAsync(filters, cancellationToken);
            var custom = await CustomColumnsAsync(RecordTypes.Contact, cancellationToken);
            string[] headers =
            [
                "id", "kind", "name", "firstName", "lastName", "companyName", "jobTitle", "emails", "phones", "tags", "source", "ownerId",
                "marketingConsent", "dataProcessingConsent", "notes", "createdAt", "updatedAt", .. custom.Select(c => c.Header),
            ];
            return new ExportFile(format, FileName("contacts", format), delimiter, headers, ContactRowsAsync(query, custom, cancellationToken));
        }

        public async Task<ExportFile> LeadsAsync(RecordQuery filters, ExportOptions options, CancellationToken cancellationToken)
        {
            var (format, delimiter) = await OptionsAsync(options, cancellationToken);
            var (query, _) = await leads.QueryAsync(filters, cancellationToken);
            var custom = await CustomColumnsAsync(RecordTypes.Lead, cancellationToken);
            var stages = await StageNamesAsync(cancellationToken);
            string[] headers =
            [
                "id", "title", "contactName", "email", "phone", "companyName", "source", "priority", "value", "currency", "pipeline", "stage",
                "assigneeId", "contactId", "convertedAt", "createdAt", "updatedAt", .. custom.Select(c => c.Header),
            ];
            return new ExportFile(format, FileName("leads", format), delimiter, headers, RowsAsync(query, custom, l => (object?[])
            [
                l.Id, l.Title, l.ContactName, l.Email, l.Phone, l.CompanyName, l.Source, l.Priority, Amount(l.ValueMinor, l.Currency), l.Currency,
                stages.GetValueOrDefault(l.PipelineId), stages.GetValueOrDefault(l.StageId), l.AssigneeId, l.ContactId, Time(l.ConvertedAt), Time(l.CreatedAt), Time(l.UpdatedAt),
            ], cancellationToken));
        }

        public async Task<ExportFile> DealsAsync(RecordQuery filters, ExportOptions options, CancellationToken cancellationToken)
        {
            var (format, delimiter) = await OptionsAsync(options, cancellationToken);
            var (query, _) = await deals.QueryAsync(filters, cancellationToken);
            var custom = await CustomColumnsAsync(RecordTypes.Deal, cancellationToken);
            var stages = await StageNamesAsync(cancellationToken);
            string[] headers =
            [
                "id", "title", "amount", "currency", "status", "pipeline", "stage", "expectedCloseOn", "closedAt", "closeReason",
                "contactId", "leadId", "assigneeId", "createdAt", "updatedAt", .. custom.Select(c => c.Header),
            ];
            return new ExportFile(format, FileName("deals", format), delimiter, headers, RowsAsync(query, custom, d => (object?[])
            [
                d.Id, d.Title, Amount(d.AmountMinor, d.Currency), d.Currency, d.Status, stages.GetValueOrDefault(d.PipelineId), stages.GetValueOrDefault(d.StageId),
                d.ExpectedCloseOn, Time(d.ClosedAt), d.CloseReason, d.ContactId, d.LeadId, d.AssigneeId, Time(d.CreatedAt), Time(d.UpdatedAt),
            ], cancellationToken));
        }

        private async Task<(string Format, char Delimiter)> OptionsAsync(ExportOptions options, CancellationToken cancellationToken) =>
            (ExportFile.FormatOf(options.Format), ExportFile.DelimiterOf(options.Delimiter, (await access.ProfileAsync(cancellationToken)).Locale));

        private string FileName(string list, string format) =>
            $"{request.TenantSlug}-{list}-{clock.GetUtcNow():yyyyMMdd-HHmm}.{format}";

        private async Task<IReadOnlyList<CustomColumn>> CustomColumnsAsync(string recordType, CancellationToken cancellationToken) =>
            (await fields.DefinitionsAsync(recordType, cancellationToken)).Select(d => new CustomColumn(d.Key, $"{d.Label} (cf.{d.Key})")).ToList();

        private async Task<Dictionary<Guid, string>> StageNamesAsync(CancellationToken cancellationToken)
        {
            var names = await db.Pipelines.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
            foreach (var stage in await db.Stages.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            {
                names[stage.Id] = stage.Name;
            }

            return names;
        }

        private async IAsyncEnumerable<object?[]> ContactRowsAsync(IQueryable<Contact> query, IReadOnlyList<CustomColumn> custom, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var chunk in ChunksAsync(query, cancellationToken))
            {
                // Emails and phones of the chunk in one query (the list query carries no include).
                var ids = chunk.Select(c => c.Id).ToList();
                var channels = (await db.ContactChannels.AsNoTracking().Where(c => ids.Contains(c.ContactId)).ToListAsync(cancellationToken)).ToLookup(c => c.ContactId);
                foreach (var c in chunk)
                {
                    c.Channels = channels[c.Id].ToList();
                    yield return
                    [
                        c.Id, c.Kind, c.Name, c.FirstName, c.LastName, c.CompanyName, c.JobTitle, string.Join(", ", c.Emails), string.Join(", ", c.Phones),
                        string.Join(", ", c.TagList), c.Source, c.OwnerId, c.MarketingConsent, c.DataProcessingConsent, c.Notes, Time(c.CreatedAt), Time(c.UpdatedAt),
                        .. CustomValues(c.CustomFields, custom),
                    ];
                }
            }
        }

        private static async IAsyncEnumerable<object?[]> RowsAsync<T>(
            IQueryable<T> query, IReadOnlyList<CustomColumn> custom, Func<T, object?[]> standard, [EnumeratorCancellation] CancellationToken cancellationToken)
            where T : CrmRecord
        {
            await foreach (var chunk in ChunksAsync(query, cancellationToken))
            {
                foreach (var record in chunk)
                {
                    yield return [.. standard(record), .. CustomValues(record.CustomFields, custom)];
                }
            }
        }
    }

    private sealed record CustomColumn(string Key, string Header);

    /// <summary>The query in id order, a chunk at a time (keyset on the id: no offsets, stable under inserts).</summary>
    private static async IAsyncEnumerable<List<T>> ChunksAsync<T>(IQueryable<T> query, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : Entity
    {
        Guid? last = null;
        while (true)
        {
            var page = last is { } after ? query.Where(e => e.Id.CompareTo(after) > 0) : query;
            var chunk = await page.OrderBy(e => e.Id).Take(ChunkSize).ToListAsync(cancellationToken);
            if (chunk.Count > 0)
            {
                yield return chunk;
            }

            if (chunk.Count < ChunkSize)
            {
                yield break;
            }

            last = chunk[^1].Id;
        }
    }

    private static IEnumerable<object?> CustomValues(string json, IReadOnlyList<CustomColumn> columns)
    {
        using var document = JsonDocument.Parse(json);
        var values = document.RootElement;
        return columns.Select(c => values.ValueKind == JsonValueKind.Object && values.TryGetProperty(c.Key, out var value) ? CustomValue(value) : null).ToList();
    }

    private static object? CustomValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        JsonValueKind.Object when value.TryGetProperty("amount", out var amount) && value.TryGetProperty("currency", out var currency) => $"{amount.GetString()} {currency.GetString()}",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static object? Amount(long? minor, string? currency) =>
        Money.View(minor, currency) is { } money ? decimal.Parse(money.Amount, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static DateTime? Time(DateTimeOffset? time) => time?.UtcDateTime;

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/crm/contacts/export", async Task<ExportFile> (Handler handler, HttpContext http, CancellationToken ct) =>
                await handler.ContactsAsync(RecordQuery.FromQuery(http.Request.Query, OwnParameters), ExportOptions.From(http.Request.Query), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportContacts")
            .WithSummary("Contacts as CSV or XLSX (format=csv|xlsx, delimiter=comma|semicolon|tab) with the list's q and filters");
        tenants.MapGet("/{tenant}/crm/leads/export", async Task<ExportFile> (Handler handler, HttpContext http, CancellationToken ct) =>
                await handler.LeadsAsync(RecordQuery.FromQuery(http.Request.Query, OwnParameters), ExportOptions.From(http.Request.Query), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportLeads")
            .WithSummary("Leads as CSV or XLSX (format=csv|xlsx, delimiter=comma|semicolon|tab) with the list's q and filters");
        tenants.MapGet("/{tenant}/crm/deals/export", async Task<ExportFile> (Handler handler, HttpContext http, CancellationToken ct) =>
                await handler.DealsAsync(RecordQuery.FromQuery(http.Request.Query, OwnParameters), ExportOptions.From(http.Request.Query), ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportDeals")
            .WithSummary("Deals as CSV or XLSX (format=csv|xlsx, delimiter=comma|semicolon|tab) with the list's q and filters");
    }
}
