using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Demo;

/// <summary>
/// The demo bot tenant (<c>demo-bots</c>) gets a bot with a welcome message, auto-replies and a question flow, and a
/// dozen conversations with their history, so the inbox and the bot's counters have something to show. The bot is
/// inactive: its token is not a real one (switching it on asks Telegram, which refuses it). No events: seeding runs
/// before the message bus (see the CRM's demo seeder). A tenant that already has a bot is left alone.
/// </summary>
internal sealed class MessagingDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants, TimeProvider clock) : IDemoSeeder
{
    private const string Slug = "demo-bots";

    private static readonly (string First, string? Last, string? Username, string Language, string[] Exchange)[] People =
    [
        ("Emma", "Schulz", "emma_s", "de", ["/start", "Hi! Do you build bots for restaurants?", "Yes — menus, orders and table bookings. What do you need?", "Table bookings and a menu"]),
        ("Liam", null, "liam_codes", "en", ["What is the price?", "Bots start at $490 plus $29 a month for hosting."]),
        ("Анна", "Петрова", "anna_p", "ru", ["/start", "Здравствуйте! Нужен бот для записи в салон", "Здравствуйте! Сделаем запись с напоминаниями. Как вас зовут?", "Анна"]),
        ("Noah", "Williams", null, "en", ["Can the bot take payments?", "Yes, through Telegram Payments or a payment link."]),
        ("Olivia", "Brown", "liv_b", "en", ["/start", "I'd like a quote for a support bot"]),
        ("Дмитрий", null, "dima_auto", "ru", ["Сколько стоит бот для автосервиса?", "От 45 000 ₽, с записью на ремонт и статусами заказа."]),
        ("Mia", "Fischer", "mia_f", "de", ["Hallo, sprechen Sie Deutsch?", "Ja, natürlich! Wie können wir helfen?"]),
        ("James", "Taylor", "jt_dev", "en", ["Is there an API?", "Yes: REST and webhooks, documented at /docs."]),
        ("Sophia", null, null, "en", ["/start"]),
        ("Иван", "Смирнов", "ivan_s", "ru", ["Можно демо?", "Конечно! Напишите удобное время для звонка."]),
        ("Lucas", "Martin", "lucas_m", "fr", ["Bonjour, do you speak French?", "A little — and the bot can answer in French."]),
        ("Charlotte", "Wilson", "charlie_w", "en", ["/start", "Need a bot for our gym: classes and memberships"]),
    ];

    public int Order => 40;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        await scopes.RunAsync(tenant.Id, tenant.Slug, "system:seed", async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            if (await db.Bots.AnyAsync(cancellationToken))
            {
                return;
            }

            var token = "1000000001:DEMO" + new string('x', 31);
            var bot = new Bot
            {
                Name = "Bot Studio assistant",
                TelegramId = 1000000001,
                Username = "botstudio_demo_bot",
                Token = services.GetRequiredService<BotTokens>().Protect(token),
                TokenHint = BotTokens.Hint(token),
                Description = "Answers questions about our bots and books calls.",
                WelcomeMessage = "Hi! I'm Bot Studio's assistant. Ask about prices, or send /start to book a call.",
                AutoReplies = BotSettings.Store([new AutoReply("price", "Bots start at $490 plus $29 a month."), new AutoReply("цена", "От 45 000 ₽ плюс 2 500 ₽ в месяц.")]),
                LeadCapture = BotSettings.Store(new LeadCaptureSettings(OnStart: true, OnContactShared: true, Keywords: ["quote", "demo", "демо"], Questions: ["What is your name?", "What should the bot do?"])),
            };
            db.Bots.Add(bot);
            var now = clock.GetUtcNow();
            var chat = 700_000_001L;
            // One finished broadcast, first in every conversation it reached.
            var broadcastAt = now.AddDays(-4);
            var broadcast = new Broadcasts.Broadcast
            {
                BotId = bot.Id, Text = "New: WhatsApp bots too. Reply 'demo' to see one.", Status = Broadcasts.BroadcastStatuses.Completed,
                ScheduledAt = broadcastAt, StartedAt = broadcastAt, FinishedAt = broadcastAt.AddSeconds(1), RunToken = Guid.NewGuid(), CreatedBy = "system:seed",
                Total = People.Length, Sent = People.Length,
            };
            db.Broadcasts.Add(broadcast);
            foreach (var (person, i) in People.Select((p, i) => (p, i)))
            {
                var at = now.AddHours(-(People.Length - i) * 7).AddMinutes(-i * 13);
                var user = new ChatUser
                {
                    BotId = bot.Id, TelegramUserId = chat + i, FirstName = person.First, LastName = person.Last, Username = person.Username,
                    LanguageCode = person.Language, LastSeenAt = at,
                    Tags = ChatTags.Store(i % 3 == 0 ? ["vip"] : person.Exchange.Length > 3 ? ["hot"] : []),
                };
                var conversation = new Conversation { BotId = bot.Id, ChatId = chat + i, ChatUserId = user.Id, Title = user.DisplayName, LastMessageAt = at };
                db.ChatUsers.Add(user);
                db.Conversations.Add(conversation);
                db.Messages.Add(new ChatMessage
                {
                    ConversationId = conversation.Id, BotId = bot.Id, BroadcastId = broadcast.Id, Direction = MessageDirections.Out, Kind = MessageKinds.Text,
                    Text = broadcast.Text, Sender = Broadcasts.BroadcastJob.Actor, DeliveryStatus = DeliveryStatuses.Sent, TelegramMessageId = 90, At = broadcastAt,
                });
                bot.MessagesCount++;
                foreach (var (text, n) in person.Exchange.Select((t, n) => (t, n)))
                {
                    var incoming = n % 2 == 0 || text == "/start";
                    var sentAt = at.AddMinutes(n * 2);
                    db.Messages.Add(new ChatMessage
                    {
                        ConversationId = conversation.Id, BotId = bot.Id, Direction = incoming ? MessageDirections.In : MessageDirections.Out, Kind = MessageKinds.Text, Text = text,
                        Sender = incoming ? user.DisplayName : "system:seed", DeliveryStatus = incoming ? null : DeliveryStatuses.Sent,
                        TelegramMessageId = 100 + n, At = sentAt,
                        ResponseSeconds = !incoming && conversation.AwaitingReplySince is { } waiting ? (sentAt - waiting).TotalSeconds : null,
                    });
                    conversation.LastMessageAt = sentAt;
                    conversation.LastMessagePreview = text;
                    conversation.UnreadCount = incoming ? conversation.UnreadCount + 1 : 0;
                    conversation.AwaitingReplySince = incoming ? conversation.AwaitingReplySince ?? sentAt : null;
                    bot.MessagesCount++;
                }

                bot.UsersCount++;
            }

            await db.SaveChangesAsync(cancellationToken);
        });
    }
}
