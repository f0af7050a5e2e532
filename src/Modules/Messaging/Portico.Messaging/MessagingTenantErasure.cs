using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Messaging;

/// <summary>Messaging's share of a tenant purge: bots (with their encrypted tokens), stored updates, Telegram users, conversations, messages and broadcasts.</summary>
internal sealed class MessagingTenantErasure(IServiceScopeFactory scopes, ILogger<MessagingTenantErasure> logger)
    : TenantErasureSubscriber<MessagingDbContext>(scopes, logger)
{
    public override string Name => "messaging.tenant-erasure";
}
