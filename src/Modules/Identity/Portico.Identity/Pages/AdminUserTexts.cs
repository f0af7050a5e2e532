namespace Portico.Identity.Pages;

/// <summary>Russian texts of the platform administrators' user list.</summary>
internal static class AdminUserTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Users"] = "Пользователи",
        ["Verified"] = "Подтверждены",
        ["Sign-ups over the last 30 days"] = "Регистрации за последние 30 дней",
        ["Sign-ups"] = "Регистрации",
        ["Search by email"] = "Поиск по email",
        ["Platform role"] = "Роль на платформе",
        ["Platform administrator"] = "Администратор платформы",
        ["Account manager"] = "Аккаунт-менеджер",
        ["No users found"] = "Пользователи не найдены",
        ["Locked"] = "Заблокирован",
        ["Not verified"] = "Не подтверждён",
        ["Active"] = "Активен",
    };
}
