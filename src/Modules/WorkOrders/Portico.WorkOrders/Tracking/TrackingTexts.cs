using System.Globalization;

namespace Portico.WorkOrders.Tracking;

/// <summary>The tracking page's texts: English as written, Russian from <see cref="Russian"/>.</summary>
internal static class TrackingTexts
{
    public static string Of(string language, string english) =>
        language == "ru" && Russian.TryGetValue(english, out var text) ? text : english;

    public static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == "ru" ? "ru-RU" : "en-GB");

    /// <summary><c>?lang=en|ru</c> when given, else the workshop's language.</summary>
    public static string LanguageOf(string? query, string? workshop) =>
        query is "en" or "ru" ? query : workshop is "ru" ? "ru" : "en";

    /// <summary>An order's status in words a client understands.</summary>
    public static string Status(string language, string status) => Of(language, status switch
    {
        "draft" => "Being prepared",
        "estimate_sent" => "Estimate waiting for your decision",
        "approved" => "Estimate approved",
        "scheduled" => "Booked in",
        "in_progress" => "Your car is being worked on",
        "waiting_for_parts" => "Waiting for parts",
        "ready" => "Ready to collect",
        "delivered" => "Handed over",
        "cancelled" => "Cancelled",
        _ => status,
    });

    public static string Stage(string language, string status) => Of(language, status switch
    {
        "in_progress" => "In progress",
        "done" => "Done",
        "skipped" => "Skipped",
        _ => "Waiting",
    });

    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Work order"] = "Заказ-наряд",
        ["Work order not found"] = "Заказ-наряд не найден",
        ["This link is not valid. Check the link in the message from the workshop or call them."] =
            "Ссылка недействительна. Проверьте ссылку в сообщении от автосервиса или позвоните им.",
        ["Loading"] = "Загрузка",
        ["Language"] = "Язык",
        ["Status"] = "Статус",
        ["Car"] = "Автомобиль",
        ["Booked for"] = "Запись на",
        ["Promised by"] = "Обещаем к",
        ["Progress"] = "Ход работ",
        ["{0} of {1} stages done"] = "Выполнено этапов: {0} из {1}",
        ["Now: {0}"] = "Сейчас: {0}",
        ["No stages yet."] = "Этапов пока нет.",
        ["Photos from the workshop"] = "Фото из автосервиса",
        ["Estimate"] = "Смета",
        ["Approve"] = "Согласовать",
        ["Decline"] = "Отказаться",
        ["Approved"] = "Согласовано",
        ["Declined"] = "Отказ",
        ["Waiting for your decision"] = "Ждёт вашего решения",
        ["Parts"] = "Запчасти",
        ["Labour"] = "Работы",
        ["Discount"] = "Скидка",
        ["VAT"] = "НДС",
        ["Total"] = "Итого",
        ["incl. VAT"] = "с НДС",
        ["Decide on every line, then confirm."] = "Примите решение по каждой строке и подтвердите.",
        ["Confirm my decision"] = "Подтвердить решение",
        ["Thank you: the workshop has your decision."] = "Спасибо: автосервис получил ваше решение.",
        ["The estimate is no longer open for a decision."] = "Смета уже не ждёт решения.",
        ["Too many attempts. Wait a minute and try again."] = "Слишком много попыток. Подождите минуту и попробуйте снова.",
        ["Something went wrong. Please try again."] = "Что-то пошло не так. Попробуйте ещё раз.",
        ["From the workshop"] = "Сообщения автосервиса",
        ["Status: {0}"] = "Статус: {0}",
        ["Your decision on the estimate"] = "Ваше решение по смете",
        ["Photo"] = "Фото",
        ["Document"] = "Документ",
        ["Being prepared"] = "Готовится",
        ["Estimate waiting for your decision"] = "Смета ждёт вашего решения",
        ["Estimate approved"] = "Смета согласована",
        ["Booked in"] = "Запись назначена",
        ["Your car is being worked on"] = "Машина в работе",
        ["Waiting for parts"] = "Ждём запчасти",
        ["Ready to collect"] = "Готово, можно забирать",
        ["Handed over"] = "Выдано",
        ["Cancelled"] = "Отменён",
        ["In progress"] = "В работе",
        ["Done"] = "Готово",
        ["Skipped"] = "Пропущен",
        ["Waiting"] = "Ожидает",
        ["Updates on this page appear by themselves."] = "Обновления появляются на странице сами.",
        ["All my cars and orders"] = "Все мои машины и заказы",
    };
}
