namespace Portico.Events.Pages;

/// <summary>Russian texts of the events page (live stream and dead letters).</summary>
internal static class EventsTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Events"] = "События",
        ["Event type"] = "Тип события",
        ["Resume"] = "Продолжить",
        ["Pause"] = "Пауза",
        ["{0} new while paused"] = "{0} новых во время паузы",
        ["Events of this workspace as they happen, newest first."] = "События этого пространства по мере их появления, новые сверху.",
        ["Waiting for events"] = "Ожидание событий",
        ["Events appear here as soon as something happens in this workspace."] = "События появятся здесь, как только в пространстве что-то произойдёт.",
        ["Hide payload"] = "Скрыть данные",
        ["Show payload"] = "Показать данные",
        ["Dead letters (all workspaces)"] = "Необработанные сообщения (все пространства)",
        ["Messages whose handler failed every retry. Fix the cause, then replay them or discard them."] = "Сообщения, обработка которых не удалась после всех повторов. Устраните причину, затем повторите их или удалите.",
        ["No dead letters."] = "Необработанных сообщений нет.",
        ["Message"] = "Сообщение",
        ["Error"] = "Ошибка",
        ["Failed at"] = "Время сбоя",
        ["Replays"] = "Повторы",
        ["Actions"] = "Действия",
        ["Replay"] = "Повторить",
        ["Discard"] = "Удалить",
        ["Showing {0} of {1}."] = "Показано {0} из {1}.",
        ["Discard this message? It will not be processed."] = "Удалить это сообщение? Оно не будет обработано.",
        ["Cancel"] = "Отмена",
        ["Sent back to its queue."] = "Возвращено в очередь.",
        ["Discarded."] = "Удалено.",
    };
}
