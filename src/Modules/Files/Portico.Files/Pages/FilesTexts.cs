namespace Portico.Files.Pages;

/// <summary>Russian texts of the files page.</summary>
internal static class FilesTexts
{
    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Files"] = "Файлы",
        ["Upload a file"] = "Загрузить файл",
        ["Up to {0} per file."] = "До {0} на файл.",
        ["No files yet"] = "Файлов пока нет",
        ["Upload documents and images to share them with your team."] = "Загружайте документы и изображения, чтобы делиться ими с командой.",
        ["Name"] = "Название",
        ["Size"] = "Размер",
        ["Type"] = "Тип",
        ["Uploaded"] = "Загружен",
        ["Actions"] = "Действия",
        ["by you"] = "вами",
        ["Download"] = "Скачать",
        ["Delete"] = "Удалить",
        ["Show more"] = "Показать ещё",
        ["is larger than the limit of {0}."] = "больше допустимого размера {0}.",
        ["{0} uploaded."] = "{0} загружен.",
        ["Delete file"] = "Удаление файла",
        ["Delete {0}? This cannot be undone."] = "Удалить {0}? Это действие нельзя отменить.",
        ["Cancel"] = "Отмена",
        ["{0} deleted."] = "{0} удалён.",

        // Refusals of use cases, by their stable problem code (ConsoleTexts.Refusal).
        ["problem:file-type-not-allowed"] = "Файлы такого типа загружать нельзя.",
        ["problem:invalid-signature"] = "Ссылка на скачивание недействительна.",
        ["problem:link-expired"] = "Срок действия ссылки на скачивание истёк. Запросите новую.",
    };
}
