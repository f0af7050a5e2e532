using System.Security.Claims;
using Portico.Data;
using Portico.Data.Events;
using Portico.Identity.Contracts;
using Portico.Kernel.Mail;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy.Members;

/// <summary>Members of a tenant: list, invite, accept, change role, remove.</summary>
internal static class MemberEndpoints
{
    internal sealed record MemberView(Guid UserId, string Email, string FullName, string Role, DateTimeOffset JoinedAt);

    internal sealed record InviteRequest(string? Email, string? Role);

    internal sealed record InvitationView(Guid Id, string Email, string Role, DateTimeOffset ExpiresAt);

    internal sealed record RoleRequest(string? Role);

    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    internal sealed class Handler(TenancyDbContext db, IUserDirectory users, IMailSender mail, TimeProvider clock, RequestContext context, PublicLinks links, Outbox outbox)
    {
        private TenantAccess Access => context.Access ?? throw new InvalidOperationException("Members are reached through a tenant route.");

        public async Task<List<MemberView>> ListAsync(CancellationToken ct)
        {
            var members = await db.Memberships.AsNoTracking().Where(m => m.TenantId == Access.TenantId).OrderBy(m => m.Id).ToListAsync(ct);
            var people = (await users.FindByIdsAsync(members.Select(m => m.UserId).ToList(), ct)).ToDictionary(u => u.Id);
            return members
                .Where(m => people.ContainsKey(m.UserId))
                .Select(m => new MemberView(m.UserId, people[m.UserId].Email, people[m.UserId].FullName, m.Role, m.CreatedAt))
                .ToList();
        }

        public async Task<InvitationView> InviteAsync(InviteRequest request, Guid invitedBy, CancellationToken ct)
        {
            // One mailbox, one address: the invitation goes to, and is matched by, the canonical form.
            request = request with { Email = EmailAddresses.Normalize(request.Email) ?? request.Email };
            new Rules()
                .Check(EmailAddresses.IsValid(request.Email), "email", "must be an email address.")
                .Required(request.Role, "role")
                .ThrowIfInvalid();
            MemberRules.CheckCanAssign(Access, currentRole: null, request.Role!);

            var existing = await users.FindByEmailAsync(request.Email!, ct);
            if (existing is not null && await db.Memberships.AnyAsync(m => m.TenantId == Access.TenantId && m.UserId == existing.Id, ct))
            {
                throw new ConflictException($"{request.Email} is already a member.", "already-member");
            }

            var token = Secrets.NewToken();
            var invitation = new Invitation
            {
                TenantId = Access.TenantId,
                Email = request.Email!,
                Role = request.Role!,
                TokenHash = Secrets.Hash(token),
                ExpiresAt = clock.GetUtcNow() + InvitationLifetime,
                InvitedBy = invitedBy,
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(ct);

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == Access.TenantId, ct);
            var link = links.To($"/invitations/{token}");
            var russian = (existing?.Locale ?? tenant.Locale).StartsWith("ru", StringComparison.Ordinal);
            await mail.SendAsync(russian
                ? new OutgoingMail(invitation.Email, $"Приглашение в «{tenant.Name}»", $"Здравствуйте!\n\nВас пригласили в «{tenant.Name}» в Portico (роль: {invitation.Role}).\nПринять приглашение (ссылка действует 7 дней, один раз):\n{link}")
                : new OutgoingMail(invitation.Email, $"You are invited to {tenant.Name}", $"Hello,\n\nYou are invited to join {tenant.Name} on Portico as {invitation.Role}.\nAccept the invitation (valid once, for 7 days):\n{link}"), ct);
            return new InvitationView(invitation.Id, invitation.Email, invitation.Role, invitation.ExpiresAt);
        }

        /// <summary>Accepts by the emailed token; the signed-in user's email must be the invited one.</summary>
        public async Task<MemberView> AcceptAsync(string token, Guid userId, CancellationToken ct)
        {
            // The token is the capability: whoever holds it may find the invitation, whatever its tenant.
            context.EnterPlatformScope();
            var hash = Secrets.Hash(token);
            var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
            var user = (await users.FindByIdsAsync([userId], ct)).SingleOrDefault();
            if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= clock.GetUtcNow() || user is null
                || !EmailAddresses.SameMailbox(user.Email, invitation.Email)
                || !await db.Tenants.AnyAsync(t => t.Id == invitation.TenantId && t.DeletedAt == null, ct))
            {
                throw new NotFoundException("Invitation", "for this account");
            }

            invitation.AcceptedAt = clock.GetUtcNow();
            var membership = await db.Memberships.FirstOrDefaultAsync(m => m.TenantId == invitation.TenantId && m.UserId == userId, ct);
            if (membership is null)
            {
                membership = new Membership { TenantId = invitation.TenantId, UserId = userId, Role = invitation.Role };
                db.Memberships.Add(membership);
                var slug = await db.Tenants.Where(t => t.Id == invitation.TenantId).Select(t => t.Slug).FirstAsync(ct);
                outbox.Publish(new TenantRef(invitation.TenantId, slug), new MemberJoined(userId, user.Email, user.FullName, membership.Role));
            }

            // One membership per user and tenant (unique index): an accept racing another one for the same user is a 409.
            await UniqueRules.SaveAsync(db, () => outbox.SaveChangesAsync(db, ct), () => Task.FromResult<PorticoProblemException?>(
                new ConflictException("You are already a member of this tenant.", "already-member")));
            return new MemberView(userId, user.Email, user.FullName, membership.Role, membership.CreatedAt);
        }

        public async Task<MemberView> ChangeRoleAsync(Guid userId, RoleRequest request, CancellationToken ct)
        {
            new Rules().Required(request.Role, "role").ThrowIfInvalid();
            var member = await FindAsync(userId, ct);
            MemberRules.CheckCanAssign(Access, member.Role, request.Role!);
            if (request.Role != Roles.Owner)
            {
                await MemberRules.CheckNotLastOwnerAsync(db, member, ct);
            }

            if (member.Role != request.Role)
            {
                var person = (await users.FindByIdsAsync([userId], ct)).SingleOrDefault();
                outbox.Publish(new MemberRoleChanged(userId, person?.Email ?? "", person?.FullName ?? "", member.Role, request.Role!));
            }

            member.Role = request.Role!;
            await outbox.SaveChangesAsync(db, ct);
            return (await ListAsync(ct)).First(m => m.UserId == userId);
        }

        public async Task RemoveAsync(Guid userId, Guid actorId, CancellationToken ct)
        {
            var member = await FindAsync(userId, ct);
            if (userId != actorId)
            {
                MemberRules.CheckCanAssign(Access, member.Role, member.Role == Roles.Owner ? Roles.Owner : Roles.Employee);
            }

            await MemberRules.CheckNotLastOwnerAsync(db, member, ct);
            db.Memberships.Remove(member);
            outbox.Publish(new MemberRemoved(userId, member.Role));
            await outbox.SaveChangesAsync(db, ct);
        }

        private async Task<Membership> FindAsync(Guid userId, CancellationToken ct) =>
            await db.Memberships.FirstOrDefaultAsync(m => m.TenantId == Access.TenantId && m.UserId == userId, ct)
            ?? throw new NotFoundException("Member", userId);
    }

    internal static void Map(IEndpointRouteBuilder api, RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/members", async Task<Ok<List<MemberView>>> (Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(ct)))
            .RequirePermission(TenancyPermissions.MembersRead)
            .WithSummary("Members of the tenant with their roles").WithTags("Members");

        tenants.MapPost("/{tenant}/invitations", async Task<Created<InvitationView>> (InviteRequest request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                var invitation = await handler.InviteAsync(request, principal.UserId(), ct);
                return TypedResults.Created((string?)null, invitation);
            })
            .RequirePermission(TenancyPermissions.MembersManage)
            .WithSummary("Email a single-use invitation valid 7 days").WithTags("Members");

        tenants.MapPatch("/{tenant}/members/{userId:guid}", async Task<Ok<MemberView>> (Guid userId, RoleRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ChangeRoleAsync(userId, request, ct)))
            .RequirePermission(TenancyPermissions.MembersManage)
            .WithSummary("Change a member's role").WithTags("Members");

        tenants.MapDelete("/{tenant}/members/{userId:guid}", async Task<NoContent> (Guid userId, ClaimsPrincipal principal, Handler handler, RequestContext context, CancellationToken ct) =>
            {
                // Anyone may leave; removing someone else needs members.manage.
                if (userId != principal.UserId() && context.Access?.Permissions.Contains(TenancyPermissions.MembersManage) != true)
                {
                    throw new ForbiddenException("Your role in this tenant does not allow this (members.manage).", "permission-denied");
                }

                await handler.RemoveAsync(userId, principal.UserId(), ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(TenancyPermissions.MembersRead)
            .WithSummary("Remove a member, or leave the tenant").WithTags("Members");

        api.MapPost("/invitations/{token}/accept", async Task<Ok<MemberView>> (string token, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.AcceptAsync(token, principal.UserId(), ct)))
            .RequireAuthorization(Policies.Authenticated)
            .WithSummary("Accept an invitation as the invited, signed-in user").WithTags("Members");
    }
}
