namespace Portico.Notifications.Templates;

/// <summary>
/// The wording Portico ships, in English and Russian, for the platform's own events and a generic one for
/// any other event (<c>custom.*</c> included). One text serves every channel: the subject is the title of
/// push, in-app, Telegram and Slack messages, the body is the text. Email gets an HTML part built from it.
/// </summary>
internal static class DefaultTemplates
{
    public const string Generic = "*";

    internal sealed record Default(string EventType, string Locale, string Subject, string Body);

    public static readonly IReadOnlyList<Default> All =
    [
        new("member.joined", "en",
            "{{ event.data.fullName | default: event.data.email | default: 'A new member' }} joined {{ tenant.slug }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\n{{ event.data.fullName | default: event.data.email | default: 'A new member' }} joined {{ tenant.slug }} as {{ event.data.role }}."),
        new("member.joined", "ru",
            "{{ event.data.fullName | default: event.data.email | default: 'Новый участник' }}: новый участник в {{ tenant.slug }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\n{{ event.data.fullName | default: event.data.email | default: 'Новый участник' }} теперь в {{ tenant.slug }} (роль: {{ event.data.role }})."),
        new("member.role-changed", "en",
            "Role changed in {{ tenant.slug }}: {{ event.data.fullName | default: event.data.email }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nThe role of {{ event.data.fullName | default: event.data.email }} in {{ tenant.slug }} changed from {{ event.data.previousRole }} to {{ event.data.role }}."),
        new("member.role-changed", "ru",
            "Роль изменена в {{ tenant.slug }}: {{ event.data.fullName | default: event.data.email }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nРоль участника {{ event.data.fullName | default: event.data.email }} в {{ tenant.slug }} изменена: была {{ event.data.previousRole }}, стала {{ event.data.role }}."),
        new("member.removed", "en",
            "A member left {{ tenant.slug }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nA member ({{ event.data.role }}) left {{ tenant.slug }} or was removed from it."),
        new("member.removed", "ru",
            "Участник покинул {{ tenant.slug }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nУчастник (роль: {{ event.data.role }}) покинул {{ tenant.slug }} или был исключён."),
        new("lead.created", "en",
            "New lead: {{ event.data.title }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nA new lead arrived in {{ tenant.slug }} ({{ event.data.source }}): {{ event.data.title }}.{% if event.data.contactName %}\nName: {{ event.data.contactName }}{% endif %}{% if event.data.phone %}\nPhone: {{ event.data.phone }}{% endif %}{% if event.data.email %}\nEmail: {{ event.data.email }}{% endif %}{% if event.data.value %}\nValue: {{ event.data.value.amount }} {{ event.data.value.currency }}{% endif %}"),
        new("lead.created", "ru",
            "Новый лид: {{ event.data.title }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nВ {{ tenant.slug }} новый лид ({{ event.data.source }}): {{ event.data.title }}.{% if event.data.contactName %}\nИмя: {{ event.data.contactName }}{% endif %}{% if event.data.phone %}\nТелефон: {{ event.data.phone }}{% endif %}{% if event.data.email %}\nEmail: {{ event.data.email }}{% endif %}{% if event.data.value %}\nСумма: {{ event.data.value.amount }} {{ event.data.value.currency }}{% endif %}"),
        new("deal.stage-changed", "en",
            "Deal {{ event.data.title }}: {{ event.data.toStageName }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nThe deal {{ event.data.title }} moved{% if event.data.fromStageName %} from {{ event.data.fromStageName }}{% endif %} to {{ event.data.toStageName }}.{% if event.data.toStageKind == 'won' %} It is won.{% elsif event.data.toStageKind == 'lost' %} It is lost{% if event.data.reason %}: {{ event.data.reason }}{% endif %}.{% endif %}"),
        new("deal.stage-changed", "ru",
            "Сделка {{ event.data.title }}: {{ event.data.toStageName }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nСделка {{ event.data.title }} перешла{% if event.data.fromStageName %} из этапа «{{ event.data.fromStageName }}»{% endif %} в этап «{{ event.data.toStageName }}».{% if event.data.toStageKind == 'won' %} Сделка выиграна.{% elsif event.data.toStageKind == 'lost' %} Сделка проиграна{% if event.data.reason %}: {{ event.data.reason }}{% endif %}.{% endif %}"),
        // The workshop (WorkOrders and Inventory): the client on each status change (email and SMS: short, with the
        // tracking link), the mechanic on an assignment, the owner and admins on low stock.
        new("work_order.status_changed", "en",
            "Work order No. {{ event.data.number }} ({{ event.data.vehicleLabel }}): {% case event.data.to %}{% when 'draft' %}draft{% when 'estimate_sent' %}your estimate is ready for your decision{% when 'approved' %}estimate approved{% when 'scheduled' %}booked in{% when 'in_progress' %}your car is being worked on{% when 'waiting_for_parts' %}waiting for parts{% when 'ready' %}your car is ready to collect{% when 'delivered' %}car handed over{% when 'cancelled' %}order cancelled{% else %}{{ event.data.to }}{% endcase %}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\n{{ event.data.vehicleLabel }}: {% case event.data.to %}{% when 'draft' %}draft{% when 'estimate_sent' %}your estimate is ready for your decision{% when 'approved' %}estimate approved{% when 'scheduled' %}booked in{% when 'in_progress' %}your car is being worked on{% when 'waiting_for_parts' %}waiting for parts{% when 'ready' %}your car is ready to collect{% when 'delivered' %}car handed over{% when 'cancelled' %}order cancelled{% else %}{{ event.data.to }}{% endcase %}.{% if event.data.to == 'cancelled' and event.data.reason %} {{ event.data.reason }}{% endif %}{% if event.data.to == 'estimate_sent' %} Total {{ event.data.total }} {{ event.data.currency }}.{% endif %}\nFollow the repair: {{ event.data.trackingUrl }}"),
        new("work_order.status_changed", "ru",
            "Заказ-наряд №{{ event.data.number }} ({{ event.data.vehicleLabel }}): {% case event.data.to %}{% when 'draft' %}черновик{% when 'estimate_sent' %}смета готова, ждём вашего решения{% when 'approved' %}смета согласована{% when 'scheduled' %}запись назначена{% when 'in_progress' %}машина в работе{% when 'waiting_for_parts' %}ждём запчасти{% when 'ready' %}машина готова, можно забирать{% when 'delivered' %}машина выдана{% when 'cancelled' %}заказ отменён{% else %}{{ event.data.to }}{% endcase %}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\n{{ event.data.vehicleLabel }}: {% case event.data.to %}{% when 'draft' %}черновик{% when 'estimate_sent' %}смета готова, ждём вашего решения{% when 'approved' %}смета согласована{% when 'scheduled' %}запись назначена{% when 'in_progress' %}машина в работе{% when 'waiting_for_parts' %}ждём запчасти{% when 'ready' %}машина готова, можно забирать{% when 'delivered' %}машина выдана{% when 'cancelled' %}заказ отменён{% else %}{{ event.data.to }}{% endcase %}.{% if event.data.to == 'cancelled' and event.data.reason %} {{ event.data.reason }}{% endif %}{% if event.data.to == 'estimate_sent' %} Сумма {{ event.data.total }} {{ event.data.currency }}.{% endif %}\nСледить за ремонтом: {{ event.data.trackingUrl }}"),
        new("work_order.mechanic_assigned", "en",
            "You are assigned: work order No. {{ event.data.number }}{% if event.data.stageName %}, {{ event.data.stageName }}{% endif %}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nYou are assigned to {% if event.data.stageName %}the stage {{ event.data.stageName }} of {% endif %}work order No. {{ event.data.number }}: {{ event.data.vehicleLabel }}."),
        new("work_order.mechanic_assigned", "ru",
            "Вам назначен заказ-наряд №{{ event.data.number }}{% if event.data.stageName %}, этап «{{ event.data.stageName }}»{% endif %}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nВам назначен {% if event.data.stageName %}этап «{{ event.data.stageName }}» заказ-наряда{% else %}заказ-наряд{% endif %} №{{ event.data.number }}: {{ event.data.vehicleLabel }}."),
        new("inventory.low_stock", "en",
            "Low stock: {{ event.data.sku }} {{ event.data.name }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\n{{ event.data.sku }} {{ event.data.name }} is running low in {{ tenant.slug }}: {{ event.data.available }} {{ event.data.unit }} available, reorder level {{ event.data.reorderLevel }}."),
        new("inventory.low_stock", "ru",
            "Заканчивается: {{ event.data.sku }} {{ event.data.name }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nВ {{ tenant.slug }} заканчивается {{ event.data.sku }} {{ event.data.name }}: доступно {{ event.data.available }} {{ event.data.unit }}, минимальный остаток {{ event.data.reorderLevel }}."),
        new(Generic, "en",
            "{{ event.type }} in {{ tenant.slug }}",
            "Hello{% if recipient.name %} {{ recipient.name }}{% endif %},\n\nEvent {{ event.type }} happened in {{ tenant.slug }} at {{ event.occurredAt | date: '%Y-%m-%d %H:%M' }}."),
        new(Generic, "ru",
            "{{ event.type }} в {{ tenant.slug }}",
            "Здравствуйте{% if recipient.name %}, {{ recipient.name }}{% endif %}!\n\nВ {{ tenant.slug }} произошло событие {{ event.type }} ({{ event.occurredAt | date: '%d.%m.%Y %H:%M' }})."),
    ];

    /// <summary>The shipped text for the event in the language, falling back to English, then to the generic text.</summary>
    public static TemplateText For(string eventType, string locale)
    {
        var found = Find(eventType, locale) ?? Find(eventType, "en") ?? Find(Generic, locale) ?? Find(Generic, "en")!;
        // The shipped texts contain no markup, so their HTML part is the text with paragraphs and line breaks.
        var html = string.Join("\n", found.Body.Split("\n\n").Select(p => "<p>" + p.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>"));
        return new TemplateText(found.Subject, found.Body, html, found.EventType == Generic ? "default:generic" : "default");
    }

    public static bool HasOwn(string eventType) => All.Any(d => d.EventType == eventType);

    private static Default? Find(string eventType, string locale) =>
        All.FirstOrDefault(d => d.EventType == eventType && d.Locale == Language(locale));

    /// <summary>"ru-RU" → "ru".</summary>
    public static string Language(string locale) => locale.Split('-', '_')[0].ToLowerInvariant();
}
