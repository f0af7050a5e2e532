namespace Portico.WorkOrders.Pages.Mechanic;

/// <summary>Russian texts of the mechanic's phone screens: the queue and the stage screen.</summary>
internal static class MechanicTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["My work"] = "Мои работы",
        ["My work today"] = "Мои работы на сегодня",
        ["Loading"] = "Загрузка",
        ["Load more"] = "Показать ещё",
        ["Nothing to do right now"] = "Сейчас работ нет",
        ["Stages assigned to you appear here as soon as their order is approved."] =
            "Здесь появятся этапы, назначенные вам, как только заказ-наряд будет согласован.",
        ["{0} stages"] = "Этапов: {0}",
        ["Order №{0}"] = "Заказ-наряд №{0}",
        ["Stage {0}"] = "Этап {0}",
        ["{0} min"] = "{0} мин",
        ["Booked for {0}"] = "Запись на {0}",
        ["Photo required"] = "Нужно фото",
        ["Not started"] = "Не начат",
        ["In progress"] = "В работе",
        ["Done"] = "Готово",
        ["Skipped"] = "Пропущен",
        ["Back to my work"] = "Назад к моим работам",
        ["Complaint"] = "Жалоба клиента",
        ["Expected {0} min"] = "Норматив {0} мин",
        ["Started {0}"] = "Начат {0}",
        ["Start the stage"] = "Начать этап",
        ["Checklist"] = "Чек-лист",
        ["Photos"] = "Фото",
        ["No photos yet."] = "Фото пока нет.",
        ["Take a photo"] = "Сделать фото",
        ["Show photos to the client"] = "Показывать фото клиенту",
        ["Photo of {0}"] = "Фото: {0}",
        ["Uploading…"] = "Загрузка…",
        ["Comments"] = "Комментарии",
        ["Comment"] = "Комментарий",
        ["Shared with the client"] = "Видит клиент",
        ["Show to the client"] = "Показать клиенту",
        ["Send"] = "Отправить",
        ["Parts"] = "Запчасти",
        ["No parts on this stage."] = "На этом этапе нет запчастей.",
        ["extra"] = "доп.",
        ["Used"] = "Использовано",
        ["Planned"] = "Запланировано",
        ["Reserved"] = "Зарезервировано",
        ["Short"] = "Не хватает",
        ["Consumed"] = "Списано",
        ["Released"] = "Возвращено",
        ["Add a part"] = "Добавить запчасть",
        ["Find a part: SKU, name or barcode"] = "Найти запчасть: артикул, название или штрихкод",
        ["Nothing found."] = "Ничего не найдено.",
        ["{0} available"] = "В наличии: {0}",
        ["Quantity"] = "Количество",
        ["Add"] = "Добавить",
        ["Cancel"] = "Отмена",
        ["Finish"] = "Завершение",
        ["Actual minutes"] = "Фактически, минут",
        ["Leave empty to count from the start."] = "Оставьте пустым, чтобы посчитать от начала этапа.",
        ["Complete the stage"] = "Завершить этап",
        ["The stage is done."] = "Этап завершён.",
        ["Done in {0} min."] = "Выполнен за {0} мин.",
        ["This stage needs a photo: take one before completing it."] = "Для этого этапа нужно фото: сфотографируйте работу перед завершением.",
        ["Tick every checklist item first: {0} left."] = "Сначала отметьте все пункты чек-листа: осталось {0}.",
        ["Start the stage before completing it."] = "Сначала начните этап.",
        ["This stage is already started or done; the screen now shows where it is."] = "Этап уже начат или завершён; на экране его текущее состояние.",
        ["The order cannot be worked on now (status: {0})."] = "Сейчас по заказ-наряду нельзя работать (статус: {0}).",
        ["The order is closed: it takes no more changes."] = "Заказ-наряд закрыт: изменения больше не принимаются.",
        ["Not enough in stock: {0} available."] = "Недостаточно на складе: в наличии {0}.",
        ["Only photos (PNG, JPEG, GIF, WebP) and PDF documents can be attached."] = "Прикрепить можно только фото (PNG, JPEG, GIF, WebP) или PDF.",
        ["The photo is larger than {0} MB."] = "Фото больше {0} МБ.",
        ["Someone changed this stage meanwhile; the screen now shows it as it is. Try again."] =
            "Этап изменился, пока вы работали; на экране его текущее состояние. Повторите.",
        ["Approved"] = "Согласован",
        ["Scheduled"] = "Запланирован",
        ["Waiting for parts"] = "Ждёт запчасти",
        ["Ready"] = "Готов",
        ["Delivered"] = "Выдан",
        ["Cancelled"] = "Отменён",
        ["Draft"] = "Черновик",
        ["Estimate sent"] = "Смета отправлена",
        ["Files"] = "Файлы",

        // Refusals of use cases, by their stable problem code (ConsoleTexts.Refusal).
        ["problem:work-order-not-workable"] = "Над заказом сейчас нельзя работать: этапы выполняются только после согласования и до готовности.",
        ["problem:stage-not-pending"] = "Этот этап уже начат или завершён: начать можно только ожидающий этап.",
        ["problem:stage-not-started"] = "Сначала начните этап, потом завершайте.",
        ["problem:stage-closed"] = "Этот этап завершён: изменить его уже нельзя.",
        ["problem:checklist-incomplete"] = "Отмечены не все пункты чек-листа.",
        ["problem:photo-required"] = "Для этого этапа нужно фото: приложите его перед завершением.",
        ["problem:attachment-type-not-allowed"] = "Прикрепить можно только фото (PNG, JPEG, GIF, WebP) и PDF-документы.",
    };
}

/// <summary>The English words (keys of <see cref="MechanicTexts"/>) for the states the API spells as codes.</summary>
internal static class MechanicWords
{
    public static string Stage(string status) => status switch
    {
        "pending" => "Not started",
        "in_progress" => "In progress",
        "done" => "Done",
        "skipped" => "Skipped",
        _ => status,
    };

    public static string Part(string state) => state switch
    {
        "planned" => "Planned",
        "reserved" => "Reserved",
        "short" => "Short",
        "consumed" => "Consumed",
        "released" => "Released",
        _ => state,
    };

    public static string Order(string status) => status switch
    {
        "draft" => "Draft",
        "estimate_sent" => "Estimate sent",
        "approved" => "Approved",
        "scheduled" => "Scheduled",
        "in_progress" => "In progress",
        "waiting_for_parts" => "Waiting for parts",
        "ready" => "Ready",
        "delivered" => "Delivered",
        "cancelled" => "Cancelled",
        _ => status,
    };

    /// <summary>A quantity as people write it: no trailing zeros.</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("0.###", System.Globalization.CultureInfo.CurrentCulture);
}
