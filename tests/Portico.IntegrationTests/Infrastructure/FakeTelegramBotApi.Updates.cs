using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.IntegrationTests.Infrastructure;

public sealed partial class FakeTelegramBotApi
{
    /// <summary>
    /// Updates as Telegram sends them (https://core.telegram.org/bots/api#update), as JSON text for
    /// <see cref="DeliverAsync"/> or <see cref="QueueUpdate(string, string)"/>. Optional fields are left out, as
    /// Telegram leaves them out. A positive chat id is the user's private chat (it carries the user's names), a
    /// negative one a group. The message id is the update id unless given.
    /// </summary>
    public static class Updates
    {
        private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string Text(long updateId, long chatId, long userId, string text, string? username = null, string? firstName = null,
            string? lastName = null, string? languageCode = null)
        {
            var from = User(userId, firstName, lastName, username, languageCode);
            var message = NewMessage(updateId, chatId, from);
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                var command = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
                message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = command, ["type"] = "bot_command" });
            }

            return Update(updateId, "message", message);
        }

        /// <summary><c>/start {payload}</c>, what a <c>t.me/{bot}?start={payload}</c> link sends (<c>/start</c> alone without a payload).</summary>
        public static string Start(long updateId, long chatId, long userId, string? payload) =>
            Text(updateId, chatId, userId, string.IsNullOrEmpty(payload) ? "/start" : $"/start {payload}");

        /// <summary>The user shared their own phone number (a "request contact" button).</summary>
        public static string Contact(long updateId, long chatId, long userId, string phone, string firstName)
        {
            var message = NewMessage(updateId, chatId, User(userId, firstName, null, null, null));
            message["contact"] = new JsonObject { ["phone_number"] = phone, ["first_name"] = firstName, ["user_id"] = userId };
            return Update(updateId, "message", message);
        }

        public static string Location(long updateId, long chatId, long userId, double latitude, double longitude)
        {
            var message = NewMessage(updateId, chatId, User(userId, null, null, null, null));
            message["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude };
            return Update(updateId, "message", message);
        }

        /// <summary>A photo in two sizes, the largest (last) with <paramref name="fileId"/>.</summary>
        public static string Photo(long updateId, long chatId, long userId, string fileId, string? caption = null)
        {
            var message = NewMessage(updateId, chatId, User(userId, null, null, null, null));
            message["photo"] = new JsonArray(
                new JsonObject { ["file_id"] = fileId + "-90", ["file_unique_id"] = $"AQAD{updateId}s", ["file_size"] = 1_200, ["width"] = 90, ["height"] = 68 },
                new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = $"AQAD{updateId}y", ["file_size"] = 48_000, ["width"] = 800, ["height"] = 600 });
            if (caption is not null)
            {
                message["caption"] = caption;
            }

            return Update(updateId, "message", message);
        }

        /// <summary>The user edited their message <paramref name="messageId"/> to <paramref name="text"/>.</summary>
        public static string EditedText(long updateId, long chatId, long userId, long messageId, string text)
        {
            var message = NewMessage(messageId, chatId, User(userId, null, null, null, null));
            message["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            message["text"] = text;
            return Update(updateId, "edited_message", message);
        }

        /// <summary>The user pressed an inline button with <paramref name="data"/> under the bot's message <paramref name="messageId"/>.</summary>
        public static string CallbackQuery(long updateId, long chatId, long userId, string data, long messageId = 1, long botId = 123456)
        {
            var bot = new JsonObject
            {
                ["id"] = botId, ["is_bot"] = true, ["first_name"] = $"Bot {botId}", ["username"] = $"bot{botId}_bot",
            };
            var user = User(userId, null, null, null, null);
            var message = NewMessage(messageId, chatId, bot, user);
            message["text"] = "Choose:";
            return Update(updateId, "callback_query", new JsonObject
            {
                ["id"] = $"{userId}{updateId:D6}",
                ["from"] = user.DeepClone(),
                ["message"] = message,
                ["chat_instance"] = (-chatId * 7919).ToString(CultureInfo.InvariantCulture),
                ["data"] = data,
            });
        }

        /// <summary>An update of a kind a bot manager does not handle: a poll's new state.</summary>
        public static string Unknown(long updateId) => Update(updateId, "poll", new JsonObject
        {
            ["id"] = $"5{updateId:D9}",
            ["question"] = "Lunch?",
            ["options"] = new JsonArray(
                new JsonObject { ["text"] = "Yes", ["voter_count"] = 1 },
                new JsonObject { ["text"] = "No", ["voter_count"] = 0 }),
            ["total_voter_count"] = 1,
            ["is_closed"] = false,
            ["is_anonymous"] = true,
            ["type"] = "regular",
            ["allows_multiple_answers"] = false,
        });

        private static string Update(long updateId, string kind, JsonObject content) =>
            new JsonObject { ["update_id"] = updateId, [kind] = content }.ToJsonString(Options);

        private static JsonObject NewMessage(long messageId, long chatId, JsonObject from, JsonObject? user = null)
        {
            user ??= from;
            var chat = new JsonObject { ["id"] = chatId };
            if (chatId > 0)
            {
                foreach (var name in new[] { "first_name", "last_name", "username" })
                {
                    if (user[name] is { } value)
                    {
                        chat[name] = value.DeepClone();
                    }
                }

                chat["type"] = "private";
            }
            else
            {
                chat["title"] = $"Group {chatId}";
                chat["type"] = chatId <= -1_000_000_000_000 ? "supergroup" : "group";
            }

            return new JsonObject
            {
                ["message_id"] = messageId,
                ["from"] = from,
                ["chat"] = chat,
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
        }

        private static JsonObject User(long userId, string? firstName, string? lastName, string? username, string? languageCode)
        {
            var user = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = firstName ?? $"User {userId}" };
            if (lastName is not null)
            {
                user["last_name"] = lastName;
            }

            if (username is not null)
            {
                user["username"] = username;
            }

            if (languageCode is not null)
            {
                user["language_code"] = languageCode;
            }

            return user;
        }
    }
}
