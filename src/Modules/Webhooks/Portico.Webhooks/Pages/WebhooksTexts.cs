namespace Portico.Webhooks.Pages;

/// <summary>Russian texts of the webhooks settings page.</summary>
internal static class WebhooksTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Webhooks"] = "Вебхуки",
        ["New endpoint"] = "Новый адрес",
        ["URL"] = "URL",
        ["Description (optional)"] = "Описание (необязательно)",
        ["Event types"] = "Типы событий",
        ["Add endpoint"] = "Добавить адрес",
        ["Signing secret (shown only this once):"] = "Секрет подписи (показывается только один раз):",
        ["Copy the secret"] = "Скопировать секрет",
        ["No webhook endpoints"] = "Адресов вебхуков нет",
        ["Add an endpoint to receive this workspace's events as signed HTTP requests."] = "Добавьте адрес, чтобы получать события этого пространства подписанными HTTP-запросами.",
        ["Disabled:"] = "Отключён:",
        ["Enabled"] = "Включён",
        ["Deliveries"] = "Доставки",
        ["Delete"] = "Удалить",
        ["Refresh deliveries"] = "Обновить доставки",
        ["No deliveries yet."] = "Доставок пока нет.",
        ["Event"] = "Событие",
        ["Status"] = "Статус",
        ["Attempts"] = "Попытки",
        ["Created"] = "Создана",
        ["Actions"] = "Действия",
        ["pending"] = "ожидает",
        ["succeeded"] = "доставлена",
        ["failed"] = "не доставлена",
        ["manual"] = "вручную",
        ["Redeliver"] = "Отправить снова",
        ["Endpoint added."] = "Адрес добавлен.",
        ["Endpoint enabled."] = "Адрес включён.",
        ["Endpoint disabled."] = "Адрес отключён.",
        ["Delete endpoint"] = "Удаление адреса",
        ["Delete the endpoint {0} and its deliveries?"] = "Удалить адрес {0} и его доставки?",
        ["Cancel"] = "Отмена",
        ["Endpoint deleted."] = "Адрес удалён.",
        ["Redelivery queued."] = "Повторная отправка поставлена в очередь.",

        // Refusals of use cases, by their stable problem code (ConsoleTexts.Refusal).
        ["problem:endpoint-disabled"] = "Адрес отключён. Включите его, прежде чем отправлять на него события.",
        ["problem:too-many-endpoints"] = "Достигнут предел числа адресов для вебхуков.",
    };
}
