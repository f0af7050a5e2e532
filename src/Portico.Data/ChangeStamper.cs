using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Portico.Data.Auditing;
using Portico.Kernel.Domain;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// Runs just before a module saves: stamps tenant, times and versions, refuses writes across
/// tenants, and adds the audit rows for audited records to the same unit of work.
/// </summary>
internal static class ChangeStamper
{
    private static readonly HashSet<string> Bookkeeping = [nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt), nameof(Entity.Version)];

    public static void Stamp(DbContext context, RequestContext request, DateTimeOffset now)
    {
        var audit = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is ITenantOwned owned && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                StampTenant(owned, entry.State, request);
            }

            if (entry.Entity is Entity entity)
            {
                switch (entry.State)
                {
                    case EntityState.Added:
                        entity.CreatedAt = now;
                        entity.UpdatedAt = now;
                        entity.Version = 1;
                        break;
                    case EntityState.Modified:
                        entity.UpdatedAt = now;
                        entity.Version++;
                        break;
                }
            }

            if (entry.Entity is IAudited audited && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                var changes = DescribeChanges(entry);
                if (entry.State != EntityState.Modified || changes.Count > 0)
                {
                    audit.Add(new AuditEntry
                    {
                        Id = Ids.NewId(),
                        TenantId = audited.AuditTenantId,
                        OccurredAt = now,
                        Actor = request.Actor,
                        EntityType = entry.Metadata.ClrType.Name,
                        EntityId = (Guid)entry.Property(nameof(Entity.Id)).CurrentValue!,
                        Action = entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                        Changes = changes.ToJsonString(),
                        TraceId = Activity.Current?.TraceId.ToString(),
                    });
                }
            }
        }

        context.AddRange(audit);
    }

    internal static void StampTenant(ITenantOwned owned, EntityState state, RequestContext request)
    {
        if (state == EntityState.Added && owned.TenantId == Guid.Empty)
        {
            owned.TenantId = request.RequiredTenantId;
        }
        else if (request.TenantId is { } current && owned.TenantId != current)
        {
            // Defence in depth: a handler bug must not let one tenant's request write another's data.
            throw new NotFoundException("Record", "of another tenant");
        }
    }

    private static JsonObject DescribeChanges(EntityEntry entry)
    {
        var changes = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Bookkeeping.Contains(name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            var (old, @new) = entry.State switch
            {
                EntityState.Added => (null, property.CurrentValue),
                EntityState.Deleted => (property.OriginalValue, null),
                _ => (property.OriginalValue, property.CurrentValue),
            };
            if (entry.State == EntityState.Modified && Equals(old, @new))
            {
                continue;
            }

            if (entry.State == EntityState.Added && @new is null)
            {
                continue;
            }

            var field = JsonNamingPolicy.CamelCase.ConvertName(name);
            changes[field] = IsSecret(property.Metadata.PropertyInfo)
                ? new JsonObject { ["redacted"] = true }
                : new JsonObject { ["old"] = ToNode(old), ["new"] = ToNode(@new) };
        }

        return changes;
    }

    /// <summary>
    /// The change set of a new <paramref name="entity"/> that is not tracked (the bulk path), as
    /// <see cref="DescribeChanges"/> writes it for an added entry: every non-null property but the bookkeeping ones.
    /// </summary>
    internal static string DescribeCreated(IEntityType entityType, object entity)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in CreatedFields.GetOrAdd(entityType, FieldsOf))
            {
                var value = field.Getter.GetClrValueUsingContainingEntity(entity);
                if (value is null)
                {
                    continue;
                }

                writer.WritePropertyName(field.Name);
                writer.WriteStartObject();
                if (field.Secret)
                {
                    writer.WriteBoolean("redacted", true);
                }
                else
                {
                    writer.WriteNull("old");
                    writer.WritePropertyName("new");
                    JsonSerializer.Serialize(writer, value, value.GetType());
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static AuditedField[] FieldsOf(IEntityType type) => type.GetProperties()
            .Where(p => !Bookkeeping.Contains(p.Name) && !p.IsShadowProperty())
            .Select(p => new AuditedField(JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(p.Name)), p.GetGetter(), IsSecret(p.PropertyInfo)))
            .ToArray();
    }

    private static readonly ConcurrentDictionary<IEntityType, AuditedField[]> CreatedFields = new();

    private sealed record AuditedField(JsonEncodedText Name, IClrPropertyGetter Getter, bool Secret);

    private static bool IsSecret(PropertyInfo? property) => property?.GetCustomAttribute<AuditSecretAttribute>() is not null;

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType());
}
