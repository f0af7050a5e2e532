using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;
using Portico.Messaging.Broadcasts;
using Portico.Messaging.Conversations;
using Portico.Messaging.Inbound;

namespace Portico.Messaging;

[ModuleSchema("messaging")]
internal sealed class MessagingDbContext(DbContextOptions<MessagingDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Bot> Bots => Set<Bot>();

    public DbSet<InboundUpdate> InboundUpdates => Set<InboundUpdate>();

    public DbSet<ChatUser> ChatUsers => Set<ChatUser>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ChatMessage> Messages => Set<ChatMessage>();

    public DbSet<Broadcast> Broadcasts => Set<Broadcast>();

    public bool IsPostgres => Database.IsNpgsql();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        MessagingSql.Register(modelBuilder, IsPostgres);
    }

    /// <summary>The current tenant's bot; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Bot> FindBotAsync(Guid id, CancellationToken cancellationToken) =>
        await Bots.FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new NotFoundException("Bot", id);

    public async Task<Broadcast> FindBroadcastAsync(Guid id, CancellationToken cancellationToken) =>
        await Broadcasts.FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new NotFoundException("Broadcast", id);

    public async Task<Conversation> FindConversationAsync(Guid id, CancellationToken cancellationToken) =>
        await Conversations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Conversation", id);

    /// <summary>A conversation as the API shows it, with its Telegram user.</summary>
    public async Task<ConversationView> ViewOfAsync(Conversation conversation, CancellationToken cancellationToken) =>
        ConversationView.From(conversation, await ChatUsers.AsNoTracking().FirstAsync(u => u.Id == conversation.ChatUserId, cancellationToken));
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class MessagingDesignTimeFactory : ModuleDesignTimeFactory<MessagingDbContext>;
