using Portico.WorkOrders.Tracking;

namespace Portico.WorkOrders.Garage;

/// <summary>The garage page's texts: English as written, Russian from <see cref="Russian"/>, then the tracking page's.</summary>
internal static class GarageTexts
{
    public static string Of(string language, string english) =>
        language == "ru" && Russian.TryGetValue(english, out var text) ? text : TrackingTexts.Of(language, english);

    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["My cars"] = "Мои машины",
        ["Page not found"] = "Страница не найдена",
        ["Hello, {0}!"] = "Здравствуйте, {0}!",
        ["Your cars and orders."] = "Ваши машины и заказы.",
        ["No cars yet."] = "Машин пока нет.",
        ["No orders for this car yet."] = "По этой машине заказов пока нет.",
        ["Plate"] = "Госномер",
        ["Odometer"] = "Пробег",
        ["In the workshop"] = "В работе",
        ["Work order № {0}"] = "Заказ-наряд № {0}",
        ["Estimate waiting for your approval"] = "Смета ждёт вашего согласования",
        ["Open the order"] = "Открыть заказ",
        ["Open the order № {0}"] = "Открыть заказ-наряд № {0}",
        ["History ({0})"] = "История ({0})",
        ["Ready: no stages left."] = "Готово: все этапы выполнены.",
    };
}
