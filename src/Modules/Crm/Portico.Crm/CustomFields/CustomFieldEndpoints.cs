using System.Text.Json;
using System.Text.RegularExpressions;
using Portico.Crm.Records;
using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.CustomFields;

internal sealed record CustomFieldView(
    Guid Id, string RecordType, string Key, string Label, string Type, bool Required, JsonElement? DefaultValue, IReadOnlyList<string>? Options,
    string? Target, int Position, DateTimeOffset? ArchivedAt, long Version)
{
    public static CustomFieldView From(CustomFieldDefinition f) => new(
        f.Id, f.RecordType, f.Key, f.Label, f.Type, f.Required, f.DefaultValue is null ? null : JsonDocument.Parse(f.DefaultValue).RootElement.Clone(),
        f.Options is null ? null : CustomFieldValues.OptionsOf(f), f.Target, f.Position, f.ArchivedAt, f.Version);
}

internal sealed record CustomFieldInput(
    string? RecordType, string? Key, string? Label, string? Type, bool? Required, JsonElement? DefaultValue, string[]? Options, string? Target, int? Position);

internal static partial class CustomFieldRules
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    public static partial Regex KeyPattern();

    public static Rules CheckOptions(this Rules rules, string? type, string[]? options) => type is FieldTypes.Select or FieldTypes.MultiSelect
        ? rules.Check(options is { Length: >= 1 and <= 200 } && options.All(o => !string.IsNullOrWhiteSpace(o) && o.Length <= 100 && !o.Contains('"', StringComparison.Ordinal) && !o.Contains('\\', StringComparison.Ordinal))
                && options.Distinct().Count() == options.Length,
            "options", "must be 1 to 200 distinct values of 1 to 100 characters (without quotes or backslashes).")
        : rules.Check(options is null, "options", $"are only for {FieldTypes.Select} and {FieldTypes.MultiSelect} fields.");

    /// <summary>Checks that a record type exists: a built-in one, or a custom object of the tenant.</summary>
    public static async Task CheckRecordTypeAsync(this Rules rules, CrmDbContext db, string? recordType, string field, CancellationToken cancellationToken)
    {
        if (recordType is null)
        {
            return;
        }

        var known = RecordTypes.BuiltIn.Contains(recordType)
            || (RecordTypes.IsObject(recordType, out var key) && await db.ObjectTypes.AnyAsync(t => t.Key == key, cancellationToken));
        rules.Check(known, field, "must be contact, lead, deal or object:{key} of one of the tenant's custom objects.");
    }

    /// <summary>Validates the default value like any value of the field; returns its stored JSON.</summary>
    public static async Task<string?> DefaultOfAsync(CustomFieldValues values, CustomFieldDefinition definition, JsonElement? value, Rules rules, CancellationToken cancellationToken) =>
        value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given
            ? (await values.NormalizeAsync(definition, given, rules, "defaultValue", cancellationToken))?.ToJsonString()
            : null;
}

internal static class ListCustomFields
{
    internal sealed record Result(IReadOnlyList<CustomFieldView> Items);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db)
    {
        public async Task<Result> HandleAsync(string? recordType, bool archived, CancellationToken cancellationToken)
        {
            var fields = await db.CustomFields.AsNoTracking()
                .Where(f => (recordType == null || f.RecordType == recordType) && (archived || f.ArchivedAt == null))
                .OrderBy(f => f.RecordType).ThenBy(f => f.Position).ThenBy(f => f.Id)
                .ToListAsync(cancellationToken);
            return new Result(fields.Select(CustomFieldView.From).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/fields", async Task<Ok<Result>> (string? recordType, bool? archived, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(recordType, archived ?? false, ct)))
        .WithName("ListCustomFields")
        .WithSummary("Custom field definitions (filter: recordType; archived=true includes archived ones)");
}

internal static class CreateCustomField
{
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues values)
    {
        public async Task<CustomFieldView> HandleAsync(CustomFieldInput input, CancellationToken cancellationToken)
        {
            var rules = new Rules()
                .Required(input.RecordType, "recordType")
                .Required(input.Key, "key")
                .Check(input.Key is null || CustomFieldRules.KeyPattern().IsMatch(input.Key), "key", "must be 1 to 40 lower-case letters, digits or underscores, starting with a letter.")
                .Required(input.Label, "label").Length(input.Label?.Trim(), "label", 1, 100)
                .Required(input.Type, "type").OneOf(input.Type, "type", FieldTypes.All)
                .CheckOptions(input.Type, input.Options)
                .Check(input.Type != FieldTypes.Relation || input.Target is not null, "target", "is required for a relation: contact, lead, deal or object:{key}.")
                .Check(input.Type == FieldTypes.Relation || input.Target is null, "target", "is only for relation fields.");
            await rules.CheckRecordTypeAsync(db, input.RecordType, "recordType", cancellationToken);
            await rules.CheckRecordTypeAsync(db, input.Target, "target", cancellationToken);
            rules.ThrowIfInvalid();
            // One field per key and record type: checked here, guaranteed by the unique index when two requests race.
            async Task<PorticoProblemException?> TakenAsync(CancellationToken ct) =>
                await db.CustomFields.AsNoTracking().Where(f => f.RecordType == input.RecordType && f.Key == input.Key).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct) is { } existingId
                    ? new ConflictException($"The {input.RecordType} records already have a custom field '{input.Key}'.", "duplicate-field") { ExistingId = existingId }
                    : null;
            UniqueRules.ThrowIf(await TakenAsync(cancellationToken));

            var position = await db.CustomFields.Where(f => f.RecordType == input.RecordType).Select(f => (int?)f.Position).MaxAsync(cancellationToken) ?? -1;
            var field = new CustomFieldDefinition
            {
                TenantId = access.TenantId,
                RecordType = input.RecordType!,
                Key = input.Key!,
                Label = input.Label!.Trim(),
                Type = input.Type!,
                Required = input.Required ?? false,
                Options = input.Options is null ? null : JsonSerializer.Serialize(input.Options),
                Target = input.Target,
                Position = input.Position ?? position + 1,
            };
            field.DefaultValue = await CustomFieldRules.DefaultOfAsync(values, field, input.DefaultValue, rules, cancellationToken);
            rules.ThrowIfInvalid();
            db.CustomFields.Add(field);
            await UniqueRules.SaveAsync(db, () => db.SaveChangesAsync(cancellationToken), () => TakenAsync(CancellationToken.None));
            return CustomFieldView.From(field);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/fields", async Task<Created<CustomFieldView>> (CustomFieldInput input, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var field = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/fields/{field.Id}", field);
        })
        .RequirePermission(CrmPermissions.Settings)
        .WithName("CreateCustomField")
        .WithSummary("Add a custom field to contacts, leads, deals or a custom object (types: text, long_text, number, money, date, date_time, boolean, select, multi_select, email, phone, url, member, relation)");
}

internal static class UpdateCustomField
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, CustomFieldValues values)
    {
        /// <summary>Changes the label, rules, default, options or position. The key, type and record type are fixed: stored values depend on them.</summary>
        public async Task<CustomFieldView> HandleAsync(Guid id, CustomFieldInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("Custom field", id);
            ApiConventions.CheckVersion(expectedVersion, field.Version);
            var rules = new Rules()
                .Check(input.Key is null || input.Key == field.Key, "key", "cannot change (stored values are kept under it).")
                .Check(input.Type is null || input.Type == field.Type, "type", "cannot change (stored values were validated as this type).")
                .Check(input.RecordType is null || input.RecordType == field.RecordType, "recordType", "cannot change.")
                .Check(input.Target is null || input.Target == field.Target, "target", "cannot change.")
                .Length(input.Label?.Trim(), "label", 1, 100)
                .CheckOptions(input.Options is null ? null : field.Type, input.Options);
            rules.ThrowIfInvalid();
            field.Label = input.Label?.Trim() ?? field.Label;
            field.Required = input.Required ?? field.Required;
            field.Position = input.Position ?? field.Position;
            field.Options = input.Options is null ? field.Options : JsonSerializer.Serialize(input.Options);
            if (input.DefaultValue is not null)
            {
                field.DefaultValue = await CustomFieldRules.DefaultOfAsync(values, field, input.DefaultValue, rules, cancellationToken);
                rules.ThrowIfInvalid();
            }

            await db.SaveChangesAsync(cancellationToken);
            return CustomFieldView.From(field);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/fields/{id:guid}", async Task<Ok<CustomFieldView>> (Guid id, CustomFieldInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var field = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(field.Version);
            return TypedResults.Ok(field);
        })
        .WithName("UpdateCustomField")
        .WithSummary("Change a custom field's label, required flag, default, options or position");
}

internal static class ArchiveCustomField
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, TimeProvider clock)
    {
        public async Task<CustomFieldView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("Custom field", id);
            field.ArchivedAt = archive ? field.ArchivedAt ?? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(cancellationToken);
            return CustomFieldView.From(field);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/crm/fields/{id:guid}/archive", async Task<Ok<CustomFieldView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: true, ct)))
            .WithName("ArchiveCustomField")
            .WithSummary("Archive a custom field: hidden from forms and closed to new values; stored values stay readable and filterable");
        tenants.MapPost("/{tenant}/crm/fields/{id:guid}/restore", async Task<Ok<CustomFieldView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: false, ct)))
            .WithName("RestoreCustomField")
            .WithSummary("Bring an archived custom field back");
    }
}
