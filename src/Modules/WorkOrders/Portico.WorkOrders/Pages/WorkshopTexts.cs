namespace Portico.WorkOrders.Pages;

/// <summary>Russian texts of the workshop pages.</summary>
internal static class WorkshopTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Repair services"] = "Ремонтные услуги",
        ["New repair service"] = "Новая ремонтная услуга",
        ["Catalog service"] = "Услуга из каталога",
        ["Every catalog service already is a repair service. Add services in the catalog first."] = "Все услуги каталога уже стали ремонтными. Сначала добавьте услуги в каталог.",
        ["Labour"] = "Работа",
        ["Fixed price"] = "Фиксированная цена",
        ["Hourly rate × hours"] = "Ставка в час × нормо-часы",
        ["Hourly rate"] = "Ставка в час",
        ["Standard hours"] = "Нормо-часы",
        ["Price"] = "Цена",
        ["VAT"] = "НДС",
        ["Labour {0}, with VAT {1}"] = "Работа {0}, с НДС {1}",
        ["Save price"] = "Сохранить цену",
        ["Stages"] = "Этапы",
        ["version {0}"] = "версия {0}",
        ["Version {0}"] = "Версия {0}",
        ["{0} min in all"] = "всего {0} мин",
        ["{0} min"] = "{0} мин",
        ["Drag stages to reorder them, or use the arrows. Saving makes a new version; work orders already built keep theirs."] =
            "Перетаскивайте этапы, чтобы изменить порядок, или пользуйтесь стрелками. Сохранение создаёт новую версию; уже созданные заказ-наряды сохраняют свою.",
        ["New stage"] = "Новый этап",
        ["Up"] = "Выше",
        ["Down"] = "Ниже",
        ["Remove"] = "Удалить",
        ["Name (Russian)"] = "Название (рус.)",
        ["Name (English)"] = "Название (англ.)",
        ["Expected, minutes"] = "Норматив, минут",
        ["Required skill"] = "Нужный навык",
        ["Photo required to complete"] = "Для завершения нужно фото",
        ["Checklist"] = "Чек-лист",
        ["Add an item"] = "Добавить пункт",
        ["Parts typically used: {0}"] = "Обычно используемых запчастей: {0}",
        ["Add a stage"] = "Добавить этап",
        ["Save the stages"] = "Сохранить этапы",
        ["Discard changes"] = "Отменить изменения",
        ["Saved as version {0}."] = "Сохранено как версия {0}.",
        ["Saved."] = "Сохранено.",
        ["Save"] = "Сохранить",
        ["Cancel"] = "Отмена",
        ["Close"] = "Закрыть",
        ["Show"] = "Показать",
        ["Version history"] = "История версий",
        ["Version"] = "Версия",
        ["Saved"] = "Сохранена",
        ["Minutes"] = "Минут",
        ["current"] = "текущая",
        ["Name"] = "Название",
        ["Template version"] = "Версия шаблона",
        ["Load more"] = "Показать ещё",
        ["Loading"] = "Загрузка",
        ["No repair services yet"] = "Ремонтных услуг пока нет",
        ["Make catalog services repair services: labour price, VAT and the stages of the work."] =
            "Сделайте услуги каталога ремонтными: стоимость работ, НДС и этапы работы.",

        // Refusals of use cases, by their stable problem code (ConsoleTexts.Refusal).
        ["problem:repair-service-exists"] = "Эта услуга каталога уже сделана ремонтной.",
        ["problem:template-version-stale"] = "Кто-то сохранил шаблон этапов, пока вы его меняли. Обновите страницу и повторите изменение.",
    };
}
