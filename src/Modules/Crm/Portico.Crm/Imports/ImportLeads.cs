using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Crm.Contacts;
using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;

namespace Portico.Crm.Imports;

/// <summary>
/// Imports a batch of lead rows into the unit of work, by the rules of <see cref="LeadIntake"/> (the same checks, the
/// same link to an existing contact by email or phone, the default pipeline's first stage) but with one query per
/// batch instead of several per row. Each lead keeps the hash of its row as <see cref="Lead.ImportKey"/>: a row
/// whose hash is already stored is skipped, so importing a file again, or resuming an interrupted import, adds nothing twice.
/// </summary>
internal sealed class ImportLeads(CrmDbContext db, CrmAccess access, CustomFieldValues customFields, DefaultPipelines pipelines, LeadIntake intake, TimeProvider clock)
{
    private static readonly Dictionary<string, string> SourceWords = new(StringComparer.Ordinal)
    {
        ["manual"] = "manual", ["вручную"] = "manual",
        ["webform"] = "web_form", ["form"] = "web_form", ["website"] = "web_form", ["site"] = "web_form", ["сайт"] = "web_form", ["форма"] = "web_form",
        ["telegram"] = "telegram", ["телеграм"] = "telegram", ["телеграмм"] = "telegram",
        ["whatsapp"] = "whatsapp", ["ватсап"] = "whatsapp", ["вотсап"] = "whatsapp",
        ["instagram"] = "instagram", ["инстаграм"] = "instagram",
        ["facebook"] = "facebook", ["фейсбук"] = "facebook",
        ["email"] = "email", ["почта"] = "email",
        ["import"] = "import", ["импорт"] = "import",
        ["api"] = "api",
    };

    private static readonly Dictionary<string, string> PriorityWords = new(StringComparer.Ordinal)
    {
        ["low"] = "low", ["низкий"] = "low",
        ["normal"] = "normal", ["medium"] = "normal", ["обычный"] = "normal", ["средний"] = "normal", ["нормальный"] = "normal",
        ["high"] = "high", ["высокий"] = "high",
        ["urgent"] = "urgent", ["срочный"] = "urgent", ["критичный"] = "urgent",
    };

    // Form data is stored as written (Cyrillic stays readable); it is never embedded in HTML.
    private static readonly JsonSerializerOptions RawJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Row(SheetRow Sheet, Dictionary<string, List<(string Text, string Column)>> Values, string Key);

    public async Task<BatchOutcome> ProcessAsync(ImportPlan plan, IReadOnlyList<SheetRow> rows, CancellationToken cancellationToken)
    {
        var outcome = new BatchOutcome();
        var profile = await access.ProfileAsync(cancellationToken);
        var definitions = await customFields.DefinitionsAsync(RecordTypes.Lead, cancellationToken);
        var (pipeline, stage) = await pipelines.ResolveAsync(RecordTypes.Lead, null, null, new Rules(), cancellationToken);
        // libphonenumber is the dearest step of a row, and a row's phone is read three times (its hash, the contact lookup, the lead).
        var normalized = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? NormalizePhone(string raw) =>
            normalized.TryGetValue(raw, out var e164) ? e164 : normalized[raw] = Phones.Normalize(raw, profile.Country);
        var parsed = rows.Select(r => Parse(plan, r, NormalizePhone)).ToList();

        var keys = parsed.Select(r => r.Key).Distinct().ToList();
        var seen = (await db.Leads.Where(l => l.ImportKey != null && keys.Contains(l.ImportKey)).Select(l => l.ImportKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        // The contacts the batch's leads belong to, by email or phone, in two queries (LeadIntake does one per lead).
        var emails = parsed.Select(r => EmailOf(r.Values)).OfType<string>().Select(Emails.Normalize).OfType<string>().Distinct().ToList();
        var phones = parsed.Select(r => PhoneOf(r.Values)).OfType<string>().Select(NormalizePhone).OfType<string>().Distinct().ToList();
        var channels = emails.Count + phones.Count == 0 ? [] : await db.ContactChannels
            .Where(c => (c.Kind == ContactChannel.EmailKind && emails.Contains(c.Value)) || (c.Kind == ContactChannel.PhoneKind && phones.Contains(c.Value)))
            .Select(c => new { c.Kind, c.Value, c.ContactId })
            .ToListAsync(cancellationToken);
        var contactIds = channels.Select(c => c.ContactId).Distinct().ToList();
        var contacts = contactIds.Count == 0 ? [] : await db.Contacts.AsNoTracking()
            .Where(c => contactIds.Contains(c.Id))
            .Select(c => new ContactSummary(c.Id, c.Name, c.Email, c.Phone, c.CompanyName))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var contactByChannel = channels
            .GroupBy(c => c.Kind + ":" + c.Value)
            .ToDictionary(g => g.Key, g => contacts.GetValueOrDefault(g.Min(c => c.ContactId)), StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        foreach (var row in parsed)
        {
            outcome.Rows++;
            if (!seen.Add(row.Key))
            {
                outcome.Skipped++;
                continue;
            }

            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            string? One(string target, string field)
            {
                if (!row.Values.TryGetValue(target, out var cells))
                {
                    return null;
                }

                columns[field] = cells[0].Column;
                return cells[0].Text;
            }

            var rules = new Rules();
            var rawEmail = EmailOf(row.Values);
            var rawPhone = PhoneOf(row.Values);
            if (rawEmail is not null)
            {
                columns["email"] = row.Values[ImportMapping.Email][0].Column;
            }

            if (rawPhone is not null)
            {
                columns["phone"] = row.Values[ImportMapping.Phone][0].Column;
            }

            var title = One(ImportMapping.Title, "title");
            var contactName = Clean(string.Join(' ', new[] { One(ImportMapping.ContactName, "contactName"), One(ImportMapping.LastName, "contactName") }.OfType<string>()));
            var companyName = One(ImportMapping.CompanyName, "companyName");
            var rawPriority = One(ImportMapping.Priority, "priority");
            var priority = rawPriority is null ? null : PriorityWords.GetValueOrDefault(ImportMapping.Normalize(rawPriority), rawPriority);
            var rawSource = One(ImportMapping.Source, "source");
            var rawValue = One(ImportMapping.Value, "value.amount");
            var currency = One(ImportMapping.Currency, "value.currency");
            var (email, phone) = Lead.CheckEmailAndPhone(rules, rawEmail, rawPhone, profile.Country, normalizePhone: NormalizePhone);
            Lead.CheckFields(rules, title, contactName, companyName, source: null, priority);
            Lead.CheckSaysWho(rules, title, contactName, rawEmail, rawPhone, companyName, null);
            var value = rawValue is null ? null : Money.Parse(new MoneyAmount(CellValues.Amount(rawValue), currency ?? profile.Currency), profile.Currency, rules, "value");
            var patch = CellValues.CustomFields(row.Values, definitions, columns);
            var custom = await customFields.ApplyAsync(RecordTypes.Lead, "{}", patch, creating: true, rules, cancellationToken);
            try
            {
                rules.ThrowIfInvalid();
            }
            catch (ValidationException ex)
            {
                outcome.Fail(row.Sheet, ex.Errors, columns);
                continue;
            }

            var contact = (email is null ? null : contactByChannel.GetValueOrDefault(ContactChannel.EmailKind + ":" + email))
                ?? (phone is null ? null : contactByChannel.GetValueOrDefault(ContactChannel.PhoneKind + ":" + phone));
            var name = contactName ?? contact?.Name;
            var lead = new Lead
            {
                TenantId = access.TenantId,
                Title = Clean(title) ?? Lead.TitleFrom(name, email, phone, Clean(companyName), profile.Locale),
                ContactId = contact?.Id,
                ContactName = name,
                Email = email ?? contact?.Email,
                Phone = phone ?? contact?.Phone,
                CompanyName = Clean(companyName) ?? contact?.CompanyName,
                Source = SourceOf(rawSource),
                PipelineId = pipeline.Id,
                StageId = stage.Id,
                StageEnteredAt = now,
                BoardRank = BoardRanks.AtEnd(now),
                Priority = priority ?? "normal",
                ValueMinor = value?.Minor,
                Currency = value?.Currency,
                AssigneeId = plan.RestrictedTo,
                FormData = FormDataOf(plan, row.Sheet),
                CustomFields = custom,
                ImportKey = row.Key,
            };
            outcome.NewLeads.Add(lead);
            if (plan.PublishEvents)
            {
                intake.Announce(lead, stage);
            }

            outcome.Created++;
        }

        return outcome;
    }

    private sealed record ContactSummary(Guid Id, string Name, string? Email, string? Phone, string? CompanyName);

    private static Row Parse(ImportPlan plan, SheetRow sheet, Func<string, string?> normalizePhone)
    {
        var values = plan.ValuesOf(sheet);
        return new Row(sheet, values, KeyOf(values, normalizePhone));
    }

    private static string? EmailOf(Dictionary<string, List<(string Text, string Column)>> values) =>
        values.TryGetValue(ImportMapping.Email, out var cells) ? cells.SelectMany(c => CellValues.SplitEmails(c.Text)).FirstOrDefault() : null;

    private static string? PhoneOf(Dictionary<string, List<(string Text, string Column)>> values) =>
        values.TryGetValue(ImportMapping.Phone, out var cells) ? cells.SelectMany(c => CellValues.SplitPhones(c.Text)).FirstOrDefault() : null;

    /// <summary>
    /// SHA-256 (hex) of the row's values by field, normalized (emails lower-cased, phones in E.164, spaces collapsed),
    /// so the same lead in another column order, or with other unmapped columns, is still the same row.
    /// </summary>
    private static string KeyOf(Dictionary<string, List<(string Text, string Column)>> values, Func<string, string?> normalizePhone)
    {
        var text = new StringBuilder("lead");
        foreach (var (target, cells) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            foreach (var (cell, _) in cells)
            {
                var normalized = target switch
                {
                    ImportMapping.Email => Emails.Normalize(cell) ?? cell.ToLowerInvariant(),
                    ImportMapping.Phone => normalizePhone(cell) ?? cell,
                    _ => CellValues.Collapse(cell),
                };
                text.Append('\u001e').Append(target).Append('\u001f').Append(normalized);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A known source («Telegram», «сайт») becomes its code; anything else is an import (the original text stays in the form data).</summary>
    private static string SourceOf(string? raw) =>
        raw is not null && SourceWords.TryGetValue(ImportMapping.Normalize(raw), out var source) ? source : "import";

    /// <summary>The row as the file had it (every non-empty column, mapped or not), like the raw data of a web form.</summary>
    private static string? FormDataOf(ImportPlan plan, SheetRow row)
    {
        var data = new JsonObject();
        for (var i = 0; i < plan.Headers.Count && i < row.Cells.Length; i++)
        {
            if (row.Cells[i].Length > 0)
            {
                data[plan.Headers[i]] = row.Cells[i];
            }
        }

        var json = data.ToJsonString(RawJson);
        return json.Length <= 20000 ? json : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : CellValues.Collapse(text);
}
