using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Kernel.Http;

namespace Portico.Crm.Contacts;

internal static class CreateContact
{
    /// <summary>The contact, and whether it already existed (an email or phone matched it) rather than being created.</summary>
    internal sealed record Result(ContactView Contact, bool Matched);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, ContactWriter writer, ContactMatcher matcher, ContactUniqueness uniqueness, CrmAccess access, Outbox outbox)
    {
        /// <summary>Creates the contact, or when one of its emails or phones belongs to an existing contact, adds what is new to that one instead.</summary>
        public async Task<Result> HandleAsync(ContactInput input, CancellationToken cancellationToken)
        {
            var draft = new Contact { TenantId = access.TenantId, Name = "", OwnerId = await access.DefaultAssigneeAsync(input.OwnerId, cancellationToken) };
            await writer.ApplyAsync(draft, input with { OwnerId = draft.OwnerId }, creating: true, cancellationToken);
            var existing = await matcher.FindAsync(draft.Emails.ToList(), draft.Phones.ToList(), cancellationToken);
            if (existing is not null)
            {
                // A restricted Employee is not shown a colleague's client, nor its id: only that the client is already known,
                // which the rule "one contact per email or phone" cannot hide (a duplicate would break it).
                if (!await access.CanSeeAsync(existing.OwnerId, cancellationToken))
                {
                    throw new ConflictException(
                        "A contact with this email or phone already exists and is assigned to a colleague. Ask them or an administrator to assign it to you.",
                        "contact-assigned-elsewhere");
                }

                // What is new joins the existing contact; another email or phone of the draft may belong to a third contact (409).
                await ContactMerging.AbsorbAsync(existing, draft, writer, cancellationToken);
                await uniqueness.SaveAsync(existing, () => db.SaveChangesAsync(cancellationToken), checkFirst: true, cancellationToken);
                return new Result(ContactView.From(existing), Matched: true);
            }

            // The matcher found no holder of these values; a concurrent create of the same email or phone that commits
            // first makes the unique index refuse this one, answered as a 409 naming the contact that won.
            db.Contacts.Add(draft);
            outbox.Publish(new ContactCreated(draft.Id, draft.Name, draft.Kind, draft.Email, draft.Phone, draft.Source, draft.OwnerId));
            await uniqueness.SaveAsync(draft, () => outbox.SaveChangesAsync(db, cancellationToken), checkFirst: false, cancellationToken);
            return new Result(ContactView.From(draft), Matched: false);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/contacts", async Task<Results<Created<ContactView>, Ok<ContactView>>> (ContactInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var (contact, matched) = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(contact.Version);
            var location = $"/api/v1/tenants/{context.TenantSlug}/crm/contacts/{contact.Id}";
            if (matched)
            {
                http.Response.Headers.Location = location;
                return TypedResults.Ok(contact);
            }

            return TypedResults.Created(location, contact);
        })
        .WithName("CreateContact")
        .WithRequestExample(new { firstName = "Anna", lastName = "Petrova", emails = new List<string> { "anna@example.com" }, phones = new List<string> { "+79161234567" }, tags = new List<string> { "vip" }, source = "website", marketingConsent = true })
        .WithSummary("Create a contact; when an email or phone matches an existing contact, that one is updated and returned (200) instead of a duplicate; a create that loses a race with another of the same email or phone is a 409 contact-exists naming the winner (existingId)");
}
