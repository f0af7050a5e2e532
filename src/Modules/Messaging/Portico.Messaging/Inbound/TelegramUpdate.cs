using System.Globalization;
using System.Text.Json;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Inbound;

/// <summary>The sender of an update, as Telegram describes them.</summary>
internal sealed record TelegramUser(long Id, string? Username, string? FirstName, string? LastName, string? LanguageCode);

/// <summary>
/// What an update means for a conversation: a message (text, media, contact, location), an edit, or a button press.
/// Updates of other kinds (polls, chat member changes…) read as <see cref="Skipped"/> with their kind.
/// </summary>
internal sealed record TelegramUpdate(
    long UpdateId, long ChatId, TelegramUser From, string Kind, string? Text, string? FileId, string? Data, long? MessageId, DateTimeOffset At)
{
    /// <summary><c>/start</c> (a deep link's payload after it: <c>/start promo42</c>).</summary>
    public bool IsStart => Kind == MessageKinds.Text && Text is { } text && (text == "/start" || text.StartsWith("/start ", StringComparison.Ordinal));

    public string? StartPayload => IsStart && Text!.Length > 7 ? Text[7..].Trim() : null;

    /// <summary>The kind of an update this module does not handle, or null.</summary>
    public string? Skipped { get; init; }

    public static TelegramUpdate Read(long updateId, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            return FromMessage(updateId, message, edit: false);
        }

        if (root.TryGetProperty("edited_message", out var edited) && edited.ValueKind == JsonValueKind.Object)
        {
            return FromMessage(updateId, edited, edit: true);
        }

        if (root.TryGetProperty("callback_query", out var callback) && callback.ValueKind == JsonValueKind.Object
            && callback.TryGetProperty("from", out var presser)
            && callback.TryGetProperty("message", out var source) && source.TryGetProperty("chat", out var chat))
        {
            return new TelegramUpdate(updateId, Long(chat, "id"), UserOf(presser), MessageKinds.Callback, null, null, Str(callback, "data"), Long(source, "message_id"), DateTimeOffset.UtcNow);
        }

        var kind = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "update_id") ?? "empty";
        return new TelegramUpdate(updateId, 0, new TelegramUser(0, null, null, null, null), "", null, null, null, null, DateTimeOffset.UtcNow) { Skipped = kind.Length > 50 ? kind[..50] : kind };
    }

    private static TelegramUpdate FromMessage(long updateId, JsonElement message, bool edit)
    {
        var chat = message.GetProperty("chat");
        var from = message.TryGetProperty("from", out var f) ? UserOf(f) : new TelegramUser(Long(chat, "id"), Str(chat, "username"), Str(chat, "first_name"), Str(chat, "last_name"), null);
        var at = message.TryGetProperty("date", out var date) && date.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
        var text = Str(message, "text") ?? Str(message, "caption");
        string kind;
        string? fileId = null;
        string? data = null;
        if (message.TryGetProperty("photo", out var photo) && photo.ValueKind == JsonValueKind.Array && photo.GetArrayLength() > 0)
        {
            kind = MessageKinds.Photo;
            fileId = Str(photo[photo.GetArrayLength() - 1], "file_id"); // the largest size comes last
        }
        else if (FileOf(message, "document") is { } document)
        {
            (kind, fileId) = (MessageKinds.Document, document);
        }
        else if (FileOf(message, "voice") is { } voice)
        {
            (kind, fileId) = (MessageKinds.Voice, voice);
        }
        else if (FileOf(message, "video") is { } video)
        {
            (kind, fileId) = (MessageKinds.Video, video);
        }
        else if (FileOf(message, "sticker") is { } sticker)
        {
            (kind, fileId) = (MessageKinds.Sticker, sticker);
        }
        else if (message.TryGetProperty("contact", out var contact) && contact.ValueKind == JsonValueKind.Object)
        {
            kind = MessageKinds.Contact;
            data = Str(contact, "phone_number");
            text ??= string.Join(' ', new[] { Str(contact, "first_name"), Str(contact, "last_name") }.Where(n => n is not null));
        }
        else if (message.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object)
        {
            kind = MessageKinds.Location;
            data = string.Create(CultureInfo.InvariantCulture, $"{location.GetProperty("latitude").GetDouble()},{location.GetProperty("longitude").GetDouble()}");
        }
        else
        {
            kind = MessageKinds.Text;
        }

        return new TelegramUpdate(updateId, Long(chat, "id"), from, edit ? MessageKinds.Edit : kind, text, fileId, data, Long(message, "message_id"), at);
    }

    private static string? FileOf(JsonElement message, string name) =>
        message.TryGetProperty(name, out var file) && file.ValueKind == JsonValueKind.Object ? Str(file, "file_id") : null;

    private static TelegramUser UserOf(JsonElement user) =>
        new(Long(user, "id"), Str(user, "username"), Str(user, "first_name"), Str(user, "last_name"), Str(user, "language_code"));

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
