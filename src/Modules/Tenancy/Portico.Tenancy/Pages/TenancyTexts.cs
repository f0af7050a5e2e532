namespace Portico.Tenancy.Pages;

/// <summary>Russian texts of the tenancy pages (workspaces, team, tenant settings, platform administration).</summary>
internal static class TenancyTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["You have no workspace yet"] = "У вас пока нет пространства",
        ["Create one for your business, or open the invitation a colleague sent you."] = "Создайте пространство для своего бизнеса или откройте приглашение от коллеги.",
        ["Open"] = "Открыть",
    };
}
