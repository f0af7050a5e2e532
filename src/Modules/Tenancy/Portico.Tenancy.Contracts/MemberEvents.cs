using Portico.Kernel.Events;

namespace Portico.Tenancy.Contracts;

/// <summary>Someone accepted an invitation. The new member is the "assigned user" of notifications about it.</summary>
[EventType("member.joined", RealtimeName = "member-joined", Description = "Someone accepted an invitation and joined the tenant.")]
public sealed record MemberJoined(Guid UserId, string Email, string FullName, string Role) : IAssignedEvent
{
    public Guid? AssigneeUserId => UserId;
}

[EventType("member.role-changed", RealtimeName = "member-role-changed", Description = "A member's role changed.")]
public sealed record MemberRoleChanged(Guid UserId, string Email, string FullName, string PreviousRole, string Role) : IAssignedEvent
{
    public Guid? AssigneeUserId => UserId;
}

[EventType("member.removed", RealtimeName = "member-removed", Description = "A member left or was removed from the tenant.")]
public sealed record MemberRemoved(Guid UserId, string Role);
