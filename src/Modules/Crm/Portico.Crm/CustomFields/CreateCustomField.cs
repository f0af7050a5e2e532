using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.CustomFields;

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
