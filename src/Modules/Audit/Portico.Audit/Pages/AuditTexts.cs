namespace Portico.Audit.Pages;

/// <summary>Russian texts of the audit log viewer.</summary>
internal static class AuditTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Audit log"] = "Журнал изменений",
        ["Who"] = "Кто",
        ["Record type"] = "Тип записи",
        ["e.g. Lead, Contact, Membership"] = "например, Lead, Contact, Membership",
        ["Change"] = "Изменение",
        ["From"] = "С",
        ["To"] = "По",
        ["Pick the first day"] = "Выбрать первый день",
        ["Pick the last day"] = "Выбрать последний день",
        ["Show"] = "Показать",
        ["No changes found"] = "Изменений не найдено",
        ["Nothing was changed in this period, or the filters match nothing."] = "За этот период ничего не менялось, или фильтрам ничего не соответствует.",
        ["When"] = "Когда",
        ["Record"] = "Запись",
        ["Fields"] = "Поля",
        ["Created"] = "Создано",
        ["Updated"] = "Изменено",
        ["Deleted"] = "Удалено",
        ["Portico (automatic)"] = "Portico (автоматически)",
        ["…"] = "…",
        ["(hidden)"] = "(скрыто)",
    };
}
