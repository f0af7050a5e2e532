using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.CustomFields;

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
