namespace Portico.WorkOrders.Pages;

/// <summary>Russian texts of the workshop pages.</summary>
internal static class WorkshopTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Repair services"] = "Ремонтные услуги",
    };
}
