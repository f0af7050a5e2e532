namespace Portico.WorkOrders.Pages.Reports;

/// <summary>Russian texts of the workshop's reports page.</summary>
internal static class ReportPageTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Reports"] = "Отчёты",
        ["Workshop reports"] = "Отчёты мастерской",
        ["From"] = "С",
        ["To"] = "По",
        ["Pick the first day"] = "Выберите первый день",
        ["Pick the last day"] = "Выберите последний день",
        ["Group by"] = "Группировать",
        ["Day"] = "День",
        ["Week"] = "Неделя",
        ["Month"] = "Месяц",
        ["Show"] = "Показать",
        ["Loading"] = "Загрузка",
        ["Orders by status"] = "Заказы по статусам",
        ["Orders created"] = "Создано заказов",
        ["Orders"] = "Заказы",
        ["Revenue: labour vs parts"] = "Выручка: работы и запчасти",
        ["Labour"] = "Работы",
        ["Parts"] = "Запчасти",
        ["Discount"] = "Скидка",
        ["VAT"] = "НДС",
        ["Total"] = "Итого",
        ["Orders delivered"] = "Выдано заказов",
        ["Mechanic productivity"] = "Производительность механиков",
        ["Mechanic"] = "Механик",
        ["Stages done"] = "Этапов выполнено",
        ["Expected, min"] = "Норма, мин",
        ["Actual, min"] = "Факт, мин",
        ["Efficiency, %"] = "Эффективность, %",
        ["No stages were completed in the period."] = "За период не выполнено ни одного этапа.",
        ["Parts consumption"] = "Расход запчастей",
        ["SKU"] = "Артикул",
        ["Item"] = "Позиция",
        ["Quantity"] = "Количество",
        ["Value"] = "Сумма",
        ["No parts were consumed in the period."] = "За период запчасти не расходовались.",
        ["Stock on hand: {0} items, at cost {1}, at sale price {2}"] = "Остаток на складе: позиций {0}, по себестоимости {1}, по цене продажи {2}",
        ["Download CSV"] = "Скачать CSV",
        ["Download XLSX"] = "Скачать XLSX",
    };
}
