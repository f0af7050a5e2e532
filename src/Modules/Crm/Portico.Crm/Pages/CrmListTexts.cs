namespace Portico.Crm.Pages;

/// <summary>Russian texts of the CRM's daily screens (dashboard, contacts, contact page, leads and deals boards).</summary>
internal static class CrmListTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Dashboard"] = "Обзор",
        ["Contacts"] = "Контакты",
        ["Leads"] = "Лиды",
        ["Deals"] = "Сделки",
        ["Pipeline"] = "Воронка",
        ["Search"] = "Поиск",
        ["Board"] = "Доска",
        ["List"] = "Список",
        ["New lead"] = "Новый лид",
        ["New deal"] = "Новая сделка",
        ["Show more"] = "Показать ещё",
        ["Move {0} to"] = "Переместить «{0}»",
        ["Move to {0}"] = "Переместить в «{0}»",
        ["Title"] = "Название",
        ["Stage"] = "Этап",
        ["Contact"] = "Контакт",
        ["Value"] = "Сумма",
        ["Contact name"] = "Имя контакта",
        ["Email"] = "Email",
        ["Phone"] = "Телефон",
        ["Value, {0}"] = "Сумма, {0}",
        ["Cancel"] = "Отмена",
        ["Create"] = "Создать",
        ["Lead created"] = "Лид создан",
        ["Deal created"] = "Сделка создана",
        ["New lead: {0}"] = "Новый лид: {0}",
    };
}
