using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Portico.Kernel.Domain;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;

namespace Portico.Notifications.Channels;

/// <summary>A tenant's own channel accounts: its Slack incoming webhook, its Telegram bot and chat, its SMS sender name.</summary>
internal sealed class ChannelSettings : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>Encrypted at rest (<see cref="ChannelSecrets"/>): the URL itself is the credential.</summary>
    [AuditSecret]
    public string? SlackWebhookUrl { get; set; }

    /// <summary>Encrypted at rest (<see cref="ChannelSecrets"/>).</summary>
    [AuditSecret]
    public string? TelegramBotToken { get; set; }

    /// <summary>Chat a trigger's <c>default</c> recipient means on Telegram: a group or channel id, or <c>@channelname</c>.</summary>
    public string? TelegramChatId { get; set; }

    /// <summary>Sender shown on texts sent through MessageBird (a number, or up to 11 letters and digits).</summary>
    public string? SmsSenderName { get; set; }
}

internal sealed class ChannelSettingsConfiguration : IEntityTypeConfiguration<ChannelSettings>
{
    public void Configure(EntityTypeBuilder<ChannelSettings> builder)
    {
        builder.ToTable("channel_settings");
        builder.HasIndex(s => s.TenantId).IsUnique();
        // Room for the ciphertext of the longest value the API accepts.
        builder.Property(s => s.SlackWebhookUrl).HasMaxLength(4000);
        builder.Property(s => s.TelegramBotToken).HasMaxLength(1000);
        builder.Property(s => s.TelegramChatId).HasMaxLength(100);
        builder.Property(s => s.SmsSenderName).HasMaxLength(16);
    }
}

/// <summary><c>GET|PUT /tenants/{tenant}/notifications/channels</c>: secrets are shown only by their last characters.</summary>
internal static partial class ChannelSettingsEndpoints
{
    /// <summary>Absent (null) keeps a value as it is; an empty string removes it.</summary>
    internal sealed record Request(string? SlackWebhookUrl, string? TelegramBotToken, string? TelegramChatId, string? SmsSenderName);

    internal sealed record Response(
        string? SlackWebhookUrl, string? TelegramBotToken, bool UsesPlatformTelegramBot, string? TelegramChatId, string? SmsSenderName, string SmsProvider, long Version);

    [GeneratedRegex(@"^\d{3,20}:[A-Za-z0-9_-]{20,80}$")]
    internal static partial Regex TelegramToken();

    [GeneratedRegex(@"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$")]
    internal static partial Regex TelegramChat();

    [GeneratedRegex(@"^(\+?\d{1,16}|[A-Za-z0-9 ]{1,11})$")]
    private static partial Regex SmsSender();

    [RequiresPermission(NotificationsPermissions.Manage)]
    internal sealed class Handler(NotificationsDbContext db, IOptions<NotificationsOptions> options, OutboundPolicy policy, SecretProtector secrets)
    {
        public async Task<Response> GetAsync(CancellationToken ct) =>
            ToResponse(await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ChannelSettings());

        public async Task<Response> PutAsync(Request request, long? expectedVersion, CancellationToken ct)
        {
            (await new Rules().CheckOutboundUrlAsync(policy, request.SlackWebhookUrl?.Trim(), "slackWebhookUrl", ct))
                .Check(string.IsNullOrEmpty(request.TelegramBotToken) || TelegramToken().IsMatch(request.TelegramBotToken), "telegramBotToken",
                    "must be a bot token from @BotFather, that is the bot id, a colon and its secret (123456:AB…).")
                .Check(string.IsNullOrEmpty(request.TelegramChatId) || TelegramChat().IsMatch(request.TelegramChatId), "telegramChatId",
                    "must be a numeric chat id or @channelname.")
                .Check(string.IsNullOrEmpty(request.SmsSenderName) || SmsSender().IsMatch(request.SmsSenderName), "smsSenderName",
                    "must be a phone number or 1 to 11 letters, digits and spaces.")
                .ThrowIfInvalid();

            var settings = await db.ChannelSettings.FirstOrDefaultAsync(ct);
            if (settings is null)
            {
                settings = new ChannelSettings();
                db.ChannelSettings.Add(settings);
            }
            else
            {
                ApiConventions.CheckVersion(expectedVersion, settings.Version);
            }

            settings.SlackWebhookUrl = ApplySecret(request.SlackWebhookUrl, settings.SlackWebhookUrl);
            settings.TelegramBotToken = ApplySecret(request.TelegramBotToken, settings.TelegramBotToken);
            settings.TelegramChatId = Apply(request.TelegramChatId, settings.TelegramChatId);
            settings.SmsSenderName = Apply(request.SmsSenderName, settings.SmsSenderName);
            await db.SaveChangesAsync(ct);
            return ToResponse(settings);
        }

        private static string? Apply(string? requested, string? current) => requested switch
        {
            null => current,
            "" => null,
            _ => requested.Trim(),
        };

        /// <summary>A new value is stored encrypted; an absent one keeps what is stored.</summary>
        private string? ApplySecret(string? requested, string? current) =>
            requested is null ? current : secrets.Protect(ChannelSecrets.Purpose, Apply(requested, null));

        private Response ToResponse(ChannelSettings s) => new(
            Masking.Url(secrets.Reveal(ChannelSecrets.Purpose, s.SlackWebhookUrl)), Masking.Secret(secrets.Reveal(ChannelSecrets.Purpose, s.TelegramBotToken)),
            s.TelegramBotToken is null && !string.IsNullOrEmpty(options.Value.Telegram.BotToken),
            s.TelegramChatId, s.SmsSenderName, options.Value.Sms.Provider, s.Version);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/notifications/channels", async Task<Ok<Response>> (Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(ct)))
            .WithName("GetNotificationChannels")
            .WithSummary("The tenant's channel settings (Slack webhook, Telegram bot and chat, SMS sender); secrets show only their last characters");

        tenants.MapPut("/{tenant}/notifications/channels", async Task<Ok<Response>> (Request request, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var saved = await handler.PutAsync(request, http.Request.ExpectedVersion(), ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(saved.Version);
                return TypedResults.Ok(saved);
            })
            .WithName("PutNotificationChannels")
            .WithSummary("Set the tenant's channel settings: an absent field stays, an empty string removes it");
    }
}

/// <summary>Shows secrets and secret-bearing URLs only by their ends.</summary>
internal static class Masking
{
    public static string? Secret(string? value) => SecretProtector.Mask(value);

    public static string? Url(string? value) =>
        value is null ? null : Uri.TryCreate(value, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…{value[^Math.Min(4, value.Length)..]}" : Secret(value);
}
