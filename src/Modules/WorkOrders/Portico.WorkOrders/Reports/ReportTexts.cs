using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Reports;

/// <summary>
/// The words of exports and documents in the tenant's language: English as written in the code, Russian from
/// <see cref="Russian"/> (an English text missing there stays English).
/// </summary>
internal static class ReportTexts
{
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        // Exports.
        ["From"] = "С",
        ["To"] = "По",
        ["Total"] = "Итого",
        ["Orders"] = "Заказ-наряды",
        ["Labour"] = "Работы",
        ["Parts"] = "Запчасти",
        ["Discount"] = "Скидка",
        ["VAT"] = "НДС",
        ["Currency"] = "Валюта",
        ["Mechanic"] = "Механик",
        ["User id"] = "Id пользователя",
        ["Stages done"] = "Этапов выполнено",
        ["Expected, min"] = "Норматив, мин",
        ["Stages timed"] = "Этапов с учётом времени",
        ["Actual, min"] = "Фактически, мин",
        ["Efficiency, %"] = "Выработка, %",
        ["Not assigned"] = "Не назначен",
        ["SKU"] = "Артикул",
        ["Name"] = "Наименование",
        ["Unit"] = "Ед.",
        ["Quantity"] = "Количество",
        ["Sale value"] = "Сумма продажи",

        // Statuses.
        ["draft"] = "Черновик",
        ["estimate_sent"] = "Смета отправлена",
        ["approved"] = "Согласован",
        ["scheduled"] = "Запланирован",
        ["in_progress"] = "В работе",
        ["waiting_for_parts"] = "Ждёт запчасти",
        ["ready"] = "Готов",
        ["delivered"] = "Выдан",
        ["cancelled"] = "Отменён",
        ["pending"] = "Ожидает",
        ["done"] = "Выполнен",
        ["skipped"] = "Пропущен",

        // The document.
        ["Work order No. {0}"] = "Заказ-наряд № {0}",
        ["Invoice No. {0}"] = "Счёт № {0}",
        ["for work order No. {0}"] = "к заказ-наряду № {0}",
        ["Status"] = "Статус",
        ["Created"] = "Создан",
        ["Scheduled"] = "Запланирован",
        ["Promised"] = "Обещан",
        ["Delivered"] = "Выдан",
        ["Client"] = "Клиент",
        ["Phone"] = "Телефон",
        ["Email"] = "Эл. почта",
        ["Car"] = "Автомобиль",
        ["Odometer"] = "Пробег",
        ["Complaint"] = "Со слов клиента",
        ["Services"] = "Работы",
        ["Service"] = "Работа",
        ["VAT %"] = "НДС, %",
        ["Labour price"] = "Стоимость",
        ["Qty"] = "Кол-во",
        ["Norm, min"] = "Норма, мин",
        ["Spent, min"] = "Факт, мин",
        ["Amount"] = "Сумма",
        ["Price"] = "Цена",
        ["Stages"] = "Этапы",
        ["Stage"] = "Этап",
        ["Labour net"] = "Работы без НДС",
        ["Parts net"] = "Запчасти без НДС",
        ["Total to pay"] = "Итого к оплате",
        ["Amounts in {0}; labour and parts net of discounts and VAT."] = "Суммы в {0}; работы и запчасти без НДС, за вычетом скидок.",
        ["Printed {0}"] = "Напечатано {0}",
        ["Page {0} of {1}"] = "Страница {0} из {1}",
        ["Work done and accepted: ________________ (client)"] = "Работы выполнены и приняты: ________________ (клиент)",
    };

    public static bool IsRussian(string locale) => locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase);

    public static string Say(string locale, string english) => IsRussian(locale) ? Russian.GetValueOrDefault(english, english) : english;

    public static string Say(string locale, string english, object? arg) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Say(locale, english), arg);

    /// <summary>A status of an order or a stage as people say it (English: the code with spaces).</summary>
    public static string Status(string locale, string status) => IsRussian(locale)
        ? Russian.GetValueOrDefault(status, status)
        : char.ToUpperInvariant(status[0]) + status[1..].Replace('_', ' ');

    /// <summary>The order statuses in flow order, for columns.</summary>
    public static IReadOnlyList<string> OrderStatuses => WorkOrderStatuses.All;
}
