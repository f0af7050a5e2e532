using System.Text.Json;
using Portico.Crm.Activities;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.CustomObjects;

internal sealed record ObjectRecordView(Guid Id, string ObjectKey, string Name, Guid? OwnerId, JsonElement CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ObjectRecordView From(CustomRecord r, string key) =>
        new(r.Id, key, r.Name, r.OwnerId, JsonDocument.Parse(r.CustomFields).RootElement.Clone(), r.CreatedAt, r.UpdatedAt, r.Version);
}

internal sealed record ObjectRecordInput(string? Name, Guid? OwnerId, JsonElement? CustomFields);

/// <summary>The records of a custom object: the same create, read, update, delete, list (q, filters, sorts, keyset) and timeline as built-in records.</summary>
internal static class ObjectRecordEndpoints
{
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues fields, ObjectTypeEndpoints.Handler types)
    {
        public async Task<ObjectRecordView> CreateAsync(string key, ObjectRecordInput input, CancellationToken cancellationToken)
        {
            var type = await types.FindAsync(key, cancellationToken);
            var rules = new Rules().Required(input.Name, "name").Length(input.Name?.Trim(), "name", 1, 300);
            var owner = await access.DefaultAssigneeAsync(input.OwnerId, cancellationToken);
            await access.CheckMemberAsync(owner, rules, "ownerId", cancellationToken);
            var custom = await fields.ApplyAsync(type.RecordType, "{}", input.CustomFields, creating: true, rules, cancellationToken);
            rules.ThrowIfInvalid();
            var record = new CustomRecord { TenantId = access.TenantId, ObjectTypeId = type.Id, Name = input.Name!.Trim(), OwnerId = owner, CustomFields = custom };
            db.ObjectRecords.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            return ObjectRecordView.From(record, key);
        }

        public async Task<CustomRecord> FindAsync(string key, Guid id, CancellationToken cancellationToken)
        {
            var type = await types.FindAsync(key, cancellationToken);
            var record = await db.ObjectRecords.FirstOrDefaultAsync(r => r.Id == id && r.ObjectTypeId == type.Id, cancellationToken) ?? throw new NotFoundException("Record", id);
            await access.EnsureVisibleAsync(record.OwnerId, "Record", id, cancellationToken);
            return record;
        }

        public async Task<ObjectRecordView> UpdateAsync(string key, Guid id, ObjectRecordInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var record = await FindAsync(key, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, record.Version);
            var rules = new Rules()
                .Check(input.Name is null || !string.IsNullOrWhiteSpace(input.Name), "name", "must not be empty.")
                .Length(input.Name?.Trim(), "name", 1, 300);
            await access.CheckMemberAsync(input.OwnerId, rules, "ownerId", cancellationToken);
            record.CustomFields = await fields.ApplyAsync(RecordTypes.OfObject(key), record.CustomFields, input.CustomFields, creating: false, rules, cancellationToken);
            rules.ThrowIfInvalid();
            record.Name = input.Name?.Trim() ?? record.Name;
            record.OwnerId = input.OwnerId ?? record.OwnerId;
            await db.SaveChangesAsync(cancellationToken);
            return ObjectRecordView.From(record, key);
        }

        public async Task DeleteAsync(string key, Guid id, CancellationToken cancellationToken)
        {
            var record = await FindAsync(key, id, cancellationToken);
            db.Activities.RemoveRange(await db.Activities.Where(a => a.RecordId == id).ToListAsync(cancellationToken));
            db.ObjectRecords.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task<Page<ObjectRecordView>> ListAsync(string key, RecordQuery parameters, PageRequest page, CancellationToken cancellationToken)
        {
            var type = await types.FindAsync(key, cancellationToken);
            var query = db.ObjectRecords.Matching(db, parameters.Q).AsNoTracking().Where(r => r.ObjectTypeId == type.Id);
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(r => r.OwnerId == me);
            }

            var (filtered, sorts) = await SchemaOf(type).ApplyAsync(query, parameters, fields, cancellationToken);
            return (await filtered.ToPageAsync(page, sorts, cancellationToken)).Map(r => ObjectRecordView.From(r, key));
        }

        private static RecordSchema<CustomRecord> SchemaOf(CustomObjectType type) => new RecordSchema<CustomRecord>(type.RecordType, "-createdAt")
            .Field("createdAt", r => r.CreatedAt, sortable: true)
            .Field("updatedAt", r => r.UpdatedAt, sortable: true)
            .Field("name", r => r.Name, sortable: true)
            .Field("ownerId", r => r.OwnerId);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        const string records = "/{tenant}/crm/objects/{key}/records";
        tenants.MapPost(records, async Task<Created<ObjectRecordView>> (string key, ObjectRecordInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
            {
                var record = await handler.CreateAsync(key, input, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(record.Version);
                return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/objects/{key}/records/{record.Id}", record);
            })
            .RequirePermission(CrmPermissions.Write).WithName("CreateObjectRecord").WithSummary("Create a record of a custom object");
        tenants.MapGet(records, async Task<Ok<Page<ObjectRecordView>>> (string key, Handler handler, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(key, RecordQuery.FromQuery(http.Request.Query), http.Request.Page(), ct)))
            .RequirePermission(CrmPermissions.Read).WithName("ListObjectRecords")
            .WithSummary("Records of a custom object: q, filters (name, ownerId, createdAt, cf.{key}), sorts, keyset pages");
        tenants.MapGet(records + "/{id:guid}", async Task<Ok<ObjectRecordView>> (string key, Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var record = await handler.FindAsync(key, id, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(record.Version);
                return TypedResults.Ok(ObjectRecordView.From(record, key));
            })
            .RequirePermission(CrmPermissions.Read).WithName("GetObjectRecord").WithSummary("A record of a custom object");
        tenants.MapPatch(records + "/{id:guid}", async Task<Ok<ObjectRecordView>> (string key, Guid id, ObjectRecordInput input, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var record = await handler.UpdateAsync(key, id, input, http.Request.ExpectedVersion(), ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(record.Version);
                return TypedResults.Ok(record);
            })
            .RequirePermission(CrmPermissions.Write).WithName("UpdateObjectRecord").WithSummary("Change a record of a custom object (merge patch)");
        tenants.MapDelete(records + "/{id:guid}", async Task<NoContent> (string key, Guid id, Handler handler, CancellationToken ct) =>
            {
                await handler.DeleteAsync(key, id, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(CrmPermissions.Delete).WithName("DeleteObjectRecord").WithSummary("Delete a record of a custom object");
        tenants.MapGet(records + "/{id:guid}/timeline", async Task<Ok<Page<GetTimeline.Entry>>> (string key, Guid id, int? limit, string? cursor, Handler handler, GetTimeline.Handler timeline, CancellationToken ct) =>
            {
                await handler.FindAsync(key, id, ct);
                return TypedResults.Ok(await timeline.HandleAsync(RecordTypes.OfObject(key), id, PageRequest.From(limit, cursor, null), ct));
            })
            .RequirePermission(CrmPermissions.Read).WithName("GetObjectRecordTimeline").WithSummary("A custom object record's history: activities and field changes");
    }
}
