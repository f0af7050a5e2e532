using Portico.Tenancy.Contracts;
using System.Security.Claims;
using Portico.Kernel.Tenancy;

namespace Portico.Tenancy.Members;

/// <summary>The tenant's invitations not yet accepted: list, revoke, send again with a new link.</summary>
internal static class PendingInvitations
{
    internal sealed record Row(Guid Id, string Email, string Role, DateTimeOffset ExpiresAt, bool Expired, DateTimeOffset CreatedAt);

    [RequiresPermission(TenancyPermissions.MembersManage)]
    internal sealed class Handler(TenancyDbContext db, RequestContext context, TimeProvider clock, MemberEndpoints.Handler members)
    {
        private Guid TenantId => context.Access?.TenantId ?? throw new InvalidOperationException("Invitations are reached through a tenant route.");

        public async Task<List<Row>> ListAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var open = await db.Invitations.AsNoTracking()
                .Where(i => i.TenantId == TenantId && i.AcceptedAt == null)
                .OrderByDescending(i => i.Id)
                .Take(200)
                .ToListAsync(ct);
            return open.Select(i => new Row(i.Id, i.Email, i.Role, i.ExpiresAt, i.ExpiresAt <= now, i.CreatedAt)).ToList();
        }

        /// <summary>The link stops working at once.</summary>
        public async Task RevokeAsync(Guid invitationId, CancellationToken ct)
        {
            var invitation = await FindAsync(invitationId, ct);
            MemberRules.CheckCanAssign(context.Access!, currentRole: null, invitation.Role);
            db.Invitations.Remove(invitation);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>A new link (the old one stops working), emailed again, valid another 7 days.</summary>
        public async Task<MemberEndpoints.InvitationView> ResendAsync(Guid invitationId, Guid actorId, CancellationToken ct)
        {
            var invitation = await FindAsync(invitationId, ct);
            var renewed = await members.InviteAsync(new MemberEndpoints.InviteRequest(invitation.Email, invitation.Role), actorId, ct);
            db.Invitations.Remove(invitation);
            await db.SaveChangesAsync(ct);
            return renewed;
        }

        private async Task<Invitation> FindAsync(Guid id, CancellationToken ct) =>
            await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.TenantId == TenantId && i.AcceptedAt == null, ct)
            ?? throw new NotFoundException("Invitation", id);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/invitations", async Task<Ok<List<Row>>> (Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(ct)))
            .RequirePermission(TenancyPermissions.MembersManage)
            .WithSummary("Invitations not yet accepted (newest first)").WithTags("Members");

        tenants.MapDelete("/{tenant}/invitations/{invitationId:guid}", async Task<NoContent> (Guid invitationId, Handler handler, CancellationToken ct) =>
            {
                await handler.RevokeAsync(invitationId, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(TenancyPermissions.MembersManage)
            .WithSummary("Revoke an invitation: its link stops working").WithTags("Members");

        tenants.MapPost("/{tenant}/invitations/{invitationId:guid}/resend", async Task<Ok<MemberEndpoints.InvitationView>> (Guid invitationId, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ResendAsync(invitationId, principal.UserId(), ct)))
            .RequirePermission(TenancyPermissions.MembersManage)
            .WithSummary("Email the invitation again with a new link (the old link stops working)").WithTags("Members");
    }
}
