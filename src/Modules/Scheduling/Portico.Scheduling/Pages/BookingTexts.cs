using System.Globalization;

namespace Portico.Scheduling.Pages;

/// <summary>Russian texts of the calendar and the public booking and manage pages.</summary>
internal static class BookingTexts
{
    /// <summary>A public page's text in its language (<c>en</c> or <c>ru</c>).</summary>
    public static string Public(string language, string english) =>
        language == "ru" && PublicRussian.TryGetValue(english, out var text) ? text : english;

    /// <summary>The culture a public page formats dates and numbers in.</summary>
    public static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == "ru" ? "ru-RU" : "en-GB");

    /// <summary>
    /// A public page's language: <c>?lang=en|ru</c> when given, else the client's own (the language they booked in), else
    /// the studio's.
    /// </summary>
    public static string LanguageOf(string? query, string? client, string studio) =>
        query is "en" or "ru" ? query
        : client is "en" or "ru" ? client
        : studio.StartsWith("ru", StringComparison.Ordinal) ? "ru" : "en";

    public static readonly IReadOnlyDictionary<string, string> Russian = new Dictionary<string, string>
    {
        ["Calendar"] = "Календарь",
        ["A client booked an appointment"] = "Клиент записался",
        ["Previous"] = "Назад",
        ["Next"] = "Вперёд",
        ["Today"] = "Сегодня",
        ["View"] = "Вид",
        ["Day"] = "День",
        ["Week"] = "Неделя",
        ["Columns"] = "Колонки",
        ["Staff"] = "Сотрудники",
        ["Resources"] = "Ресурсы",
        ["Staff member"] = "Сотрудник",
        ["Resource"] = "Ресурс",
        ["Everyone"] = "Все",
        ["Colour by"] = "Цвет по",
        ["Service"] = "Услуга",
        ["Services"] = "Услуги",
        ["New appointment"] = "Новая запись",
        ["No staff yet"] = "Сотрудников пока нет",
        ["No resources yet"] = "Ресурсов пока нет",
        ["Add staff and resources in the scheduling settings."] = "Добавьте сотрудников и ресурсы в настройках расписания.",
        ["No client"] = "Без клиента",
        ["Drag an appointment to move it, drag its lower edge to change its length, drag or click on free time to book."] =
            "Перетащите запись, чтобы перенести её, потяните за нижний край, чтобы изменить длительность, выделите или нажмите свободное время, чтобы записать.",
        ["Appointment"] = "Запись",
        ["Close"] = "Закрыть",
        ["Client"] = "Клиент",
        ["Open in CRM"] = "Открыть в CRM",
        ["{0} min"] = "{0} мин",
        ["Price"] = "Цена",
        ["Deposit"] = "Предоплата",
        ["Booked"] = "Записан",
        ["Confirmed"] = "Подтверждена",
        ["Completed"] = "Состоялась",
        ["Cancelled"] = "Отменена",
        ["No-show"] = "Неявка",
        ["Confirm"] = "Подтвердить",
        ["Complete"] = "Состоялась",
        ["Reason for cancelling"] = "Причина отмены",
        ["Cancel appointment"] = "Отменить запись",
        ["Notes"] = "Заметки",
        ["Save notes"] = "Сохранить заметки",
        ["History"] = "История",
        ["Date"] = "Дата",
        ["Time"] = "Время",
        ["Client name"] = "Имя клиента",
        ["Phone"] = "Телефон",
        ["Email"] = "Email",
        ["Cancel"] = "Отмена",
        ["Book"] = "Записать",
        ["Appointment booked."] = "Запись создана.",
        ["Appointment cancelled."] = "Запись отменена.",
        ["Notes saved."] = "Заметки сохранены.",
        ["Loading"] = "Загрузка",
    };

    /// <summary>The public booking page's texts, in the studio's or the client's language (the page has no console user).</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicRussian = new Dictionary<string, string>
    {
        ["Book an appointment"] = "Онлайн-запись",
        ["Service"] = "Услуга",
        ["Choose a service"] = "Выберите услугу",
        ["Who"] = "Мастер",
        ["Anyone available"] = "Любой свободный мастер",
        ["Day"] = "День",
        ["Time"] = "Время",
        ["No free time on this day. Try another day."] = "На этот день свободного времени нет. Выберите другой день.",
        ["No free time in the next weeks."] = "В ближайшие недели свободного времени нет.",
        ["Your details"] = "Ваши данные",
        ["Name"] = "Имя",
        ["Phone"] = "Телефон",
        ["Email"] = "Email",
        ["Comment (optional)"] = "Комментарий (необязательно)",
        ["I agree to the processing of my personal data for this booking."] = "Я согласен(на) на обработку персональных данных для этой записи.",
        ["Confirm booking"] = "Записаться",
        ["Back"] = "Назад",
        ["You are booked"] = "Вы записаны",
        ["with {0}"] = "мастер: {0}",
        ["Times are shown in {0}."] = "Время указано в поясе {0}.",
        ["Add to calendar"] = "Добавить в календарь",
        ["Change or cancel"] = "Перенести или отменить",
        ["A confirmation was sent to {0}."] = "Подтверждение отправлено на {0}.",
        ["Book another"] = "Записаться ещё",
        ["This time was just taken by someone else. Please choose another time."] = "Это время только что заняли. Пожалуйста, выберите другое время.",
        ["Studio not found"] = "Студия не найдена",
        ["Check the address of the booking page."] = "Проверьте адрес страницы записи.",
        ["min"] = "мин",
        ["from {0}"] = "от {0}",
        ["Deposit {0}"] = "Предоплата {0}",
        ["Loading"] = "Загрузка",
        ["Language"] = "Язык",
        ["Too many attempts. Wait a minute and try again."] = "Слишком много попыток. Подождите минуту и попробуйте снова.",
        ["Enter your name."] = "Укажите имя.",
        ["Give a phone number or an email address."] = "Укажите телефон или email.",
        ["Tick the box to agree."] = "Отметьте согласие.",
        ["Check this field."] = "Проверьте это поле.",
        ["Selected"] = "Выбрано",
        ["Total"] = "Итого",
        ["These services cannot be booked online now. Please contact the studio."] = "Эти услуги сейчас нельзя забронировать онлайн. Свяжитесь со студией.",
        ["Your appointment"] = "Ваша запись",
        ["Booking not found"] = "Запись не найдена",
        ["This link is not valid or has expired. Check the link in your confirmation email or contact the studio."] =
            "Ссылка недействительна или устарела. Проверьте ссылку в письме с подтверждением или свяжитесь со студией.",
        ["Status"] = "Статус",
        ["Booked"] = "Записаны",
        ["Confirmed"] = "Подтверждена",
        ["Completed"] = "Состоялась",
        ["Cancelled"] = "Отменена",
        ["No-show"] = "Неявка",
        ["When"] = "Когда",
        ["Services"] = "Услуги",
        ["Staff member"] = "Мастер",
        ["Studio"] = "Студия",
        ["You can change or cancel online until {0}."] = "Перенести или отменить запись онлайн можно до {0}.",
        ["Reschedule"] = "Перенести",
        ["Cancel appointment"] = "Отменить запись",
        ["Reason (optional)"] = "Причина (необязательно)",
        ["Do you want to cancel this appointment?"] = "Отменить эту запись?",
        ["Keep appointment"] = "Не отменять",
        ["Yes, cancel"] = "Да, отменить",
        ["Choose a new time"] = "Выберите новое время",
        ["Move to {0}"] = "Перенести на {0}",
        ["Your appointment is cancelled."] = "Ваша запись отменена.",
        ["Your appointment has moved."] = "Ваша запись перенесена.",
        ["This appointment is cancelled."] = "Эта запись отменена.",
        ["It is too late to change this appointment online. Please call the studio."] = "Изменить эту запись онлайн уже нельзя. Позвоните, пожалуйста, в студию.",
        ["This appointment can no longer be changed."] = "Эту запись больше нельзя изменить.",
        ["Something went wrong. Please try again."] = "Что-то пошло не так. Попробуйте ещё раз.",
    };
}
