namespace Portico.Tenancy.Members;

/// <summary>What an emailed invitation offers, shown to whoever holds its link before they accept it.</summary>
internal static class InvitationByToken
{
    /// <summary>The invitation: its tenant, role and invited address; <c>Usable</c> is false once accepted or expired.</summary>
    internal sealed record Response(string TenantName, string TenantSlug, string Role, string Email, DateTimeOffset ExpiresAt, bool Usable);

    internal sealed class Handler(TenancyDbContext db, Portico.Kernel.Tenancy.RequestContext context, TimeProvider clock)
    {
        public async Task<Response> HandleAsync(string token, CancellationToken ct)
        {
            // The token is the capability (as for accepting): whoever holds it may see its tenant's name and the role.
            context.EnterPlatformScope();
            var hash = Secrets.Hash(token);
            var found = await db.Invitations.AsNoTracking()
                .Where(i => i.TokenHash == hash)
                .Join(db.Tenants.Where(t => t.DeletedAt == null), i => i.TenantId, t => t.Id, (i, t) => new { Invitation = i, t.Name, t.Slug })
                .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Invitation", "for this link");
            var invitation = found.Invitation;
            return new Response(found.Name, found.Slug, invitation.Role, invitation.Email, invitation.ExpiresAt,
                invitation.AcceptedAt is null && invitation.ExpiresAt > clock.GetUtcNow());
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/invitations/{token}", async Task<Ok<Response>> (string token, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(token, ct)))
        .RequireAuthorization(Policies.Authenticated)
        .WithSummary("What an invitation offers (tenant, role, invited address), before accepting it")
        .WithTags("Members");
}
