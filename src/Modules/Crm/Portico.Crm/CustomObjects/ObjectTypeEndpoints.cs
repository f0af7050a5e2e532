using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.CustomObjects;

internal sealed record ObjectTypeView(Guid Id, string Key, string Name, string PluralName, string? Description, string RecordType, long Version)
{
    public static ObjectTypeView From(CustomObjectType t) => new(t.Id, t.Key, t.Name, t.PluralName, t.Description, t.RecordType, t.Version);
}

internal sealed record ObjectTypeInput(string? Key, string? Name, string? PluralName, string? Description);

internal static class ObjectTypeEndpoints
{
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<IReadOnlyList<ObjectTypeView>> ListAsync(CancellationToken cancellationToken) =>
            (await db.ObjectTypes.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(cancellationToken)).Select(ObjectTypeView.From).ToList();

        public async Task<CustomObjectType> FindAsync(string key, CancellationToken cancellationToken) =>
            await db.ObjectTypes.FirstOrDefaultAsync(t => t.Key == key, cancellationToken) ?? throw new NotFoundException("Custom object", key);

        public async Task<ObjectTypeView> CreateAsync(ObjectTypeInput input, CancellationToken cancellationToken)
        {
            new Rules()
                .Required(input.Key, "key")
                .Check(input.Key is null || CustomFieldRules.KeyPattern().IsMatch(input.Key), "key", "must be 1 to 40 lower-case letters, digits or underscores, starting with a letter.")
                .Check(input.Key is not ("contacts" or "leads" or "deals" or "contact" or "lead" or "deal"), "key", "is a built-in record type.")
                .Required(input.Name, "name").Length(input.Name?.Trim(), "name", 1, 100)
                .Length(input.PluralName?.Trim(), "pluralName", 1, 100)
                .Length(input.Description?.Trim(), "description", 0, 1000)
                .ThrowIfInvalid();
            // One custom object per key in a tenant: checked here, guaranteed by the unique index when two requests race.
            async Task<PorticoProblemException?> TakenAsync(CancellationToken ct) =>
                await db.ObjectTypes.AsNoTracking().Where(t => t.Key == input.Key).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct) is { } existingId
                    ? new ConflictException($"The tenant already has a custom object '{input.Key}'.", "duplicate-object") { ExistingId = existingId }
                    : null;
            UniqueRules.ThrowIf(await TakenAsync(cancellationToken));

            var type = new CustomObjectType
            {
                TenantId = access.TenantId, Key = input.Key!, Name = input.Name!.Trim(), PluralName = input.PluralName?.Trim() ?? input.Name!.Trim(), Description = input.Description?.Trim(),
            };
            db.ObjectTypes.Add(type);
            await UniqueRules.SaveAsync(db, () => db.SaveChangesAsync(cancellationToken), () => TakenAsync(CancellationToken.None));
            return ObjectTypeView.From(type);
        }

        public async Task<ObjectTypeView> UpdateAsync(string key, ObjectTypeInput input, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(input.Key is null || input.Key == key, "key", "cannot change (it is part of routes and relations).")
                .Length(input.Name?.Trim(), "name", 1, 100)
                .Length(input.PluralName?.Trim(), "pluralName", 1, 100)
                .Length(input.Description?.Trim(), "description", 0, 1000)
                .ThrowIfInvalid();
            var type = await FindAsync(key, cancellationToken);
            type.Name = input.Name?.Trim() ?? type.Name;
            type.PluralName = input.PluralName?.Trim() ?? type.PluralName;
            type.Description = input.Description is null ? type.Description : input.Description.Trim();
            await db.SaveChangesAsync(cancellationToken);
            return ObjectTypeView.From(type);
        }

        /// <summary>Deletes an object type with no records (409 otherwise), with its field definitions.</summary>
        public async Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            var type = await FindAsync(key, cancellationToken);
            if (await db.ObjectRecords.AnyAsync(r => r.ObjectTypeId == type.Id, cancellationToken))
            {
                throw new ConflictException("The custom object still has records. Delete them first.", "object-not-empty");
            }

            db.CustomFields.RemoveRange(await db.CustomFields.Where(f => f.RecordType == type.RecordType).ToListAsync(cancellationToken));
            db.ObjectTypes.Remove(type);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal sealed record ListResult(IReadOnlyList<ObjectTypeView> Items);

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/crm/objects", async Task<Ok<ListResult>> (Handler handler, CancellationToken ct) => TypedResults.Ok(new ListResult(await handler.ListAsync(ct))))
            .RequirePermission(CrmPermissions.Read).WithName("ListCustomObjects").WithSummary("The tenant's own record types");
        tenants.MapGet("/{tenant}/crm/objects/{key}", async Task<Ok<ObjectTypeView>> (string key, Handler handler, CancellationToken ct) => TypedResults.Ok(ObjectTypeView.From(await handler.FindAsync(key, ct))))
            .RequirePermission(CrmPermissions.Read).WithName("GetCustomObject").WithSummary("A custom object type");
        tenants.MapPost("/{tenant}/crm/objects", async Task<Created<ObjectTypeView>> (ObjectTypeInput input, Handler handler, RequestContext context, CancellationToken ct) =>
            {
                var type = await handler.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/objects/{type.Key}", type);
            })
            .RequirePermission(CrmPermissions.Settings).WithName("CreateCustomObject")
            .WithSummary("Define a record type (its fields are custom fields of recordType object:{key}, relations included)");
        tenants.MapPatch("/{tenant}/crm/objects/{key}", async Task<Ok<ObjectTypeView>> (string key, ObjectTypeInput input, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.UpdateAsync(key, input, ct)))
            .RequirePermission(CrmPermissions.Settings).WithName("UpdateCustomObject").WithSummary("Rename a custom object type");
        tenants.MapDelete("/{tenant}/crm/objects/{key}", async Task<NoContent> (string key, Handler handler, CancellationToken ct) =>
            {
                await handler.DeleteAsync(key, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(CrmPermissions.Settings).WithName("DeleteCustomObject").WithSummary("Delete a custom object type without records (409 otherwise)");
    }
}
