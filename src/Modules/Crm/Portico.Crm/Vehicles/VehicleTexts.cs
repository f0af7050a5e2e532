using Microsoft.Extensions.DependencyInjection;
using Portico.Console.Shell;

namespace Portico.Crm.Vehicles;

/// <summary>Russian texts of the vehicles section of the contact page.</summary>
internal static class VehicleTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Vehicles"] = "Автомобили",
        ["Add vehicle"] = "Добавить автомобиль",
        ["No vehicles yet."] = "Автомобилей пока нет.",
        ["New vehicle"] = "Новый автомобиль",
        ["Edit vehicle"] = "Изменить автомобиль",
        ["Make"] = "Марка",
        ["Model"] = "Модель",
        ["Year"] = "Год выпуска",
        ["Plate"] = "Госномер",
        ["Colour"] = "Цвет",
        ["Notes"] = "Заметки",
        ["Archived"] = "В архиве",
        ["archived"] = "в архиве",
        ["Edit"] = "Изменить",
        ["Odometer"] = "Пробег",
        ["Odometer: {0} {1}"] = "Пробег: {0} {1}",
        ["Odometer of {0}"] = "Пробег: {0}",
        ["Reading, {0}"] = "Показание, {0}",
        ["Correction"] = "Исправление",
        ["correction"] = "исправление",
        ["Add"] = "Добавить",
        ["No readings yet."] = "Показаний пока нет.",
        ["Vehicle saved"] = "Автомобиль сохранён",
        ["km"] = "км",
        ["mi"] = "миль",
        ["manual"] = "вручную",
        ["work_order"] = "заказ-наряд",
        ["import"] = "импорт",

        // Refusals of use cases, by their stable problem code (ConsoleTexts.Refusal).
        ["problem:vin-exists"] = "Другой автомобиль уже записан с этим VIN.",
    };

    public static void Add(IServiceCollection services) => services.AddSingleton(new ConsoleTranslation(Russian));
}
