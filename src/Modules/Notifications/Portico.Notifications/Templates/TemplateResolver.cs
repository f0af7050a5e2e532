namespace Portico.Notifications.Templates;

/// <summary>
/// Which text a delivery uses: the tenant's template for the event and channel wins, in the recipient's
/// language if the tenant wrote one, else in English, else in any language it wrote; without a tenant
/// template, the shipped default in the recipient's language (see <see cref="DefaultTemplates"/>).
/// </summary>
internal sealed class TemplateResolver(NotificationsDbContext db)
{
    public async Task<TemplateText> ResolveAsync(string eventType, string channel, string locale, CancellationToken cancellationToken)
    {
        var language = DefaultTemplates.Language(locale);
        var candidates = await db.Templates.AsNoTracking()
            .Where(t => t.EventType == eventType && t.Channel == channel)
            .ToListAsync(cancellationToken);
        var chosen = candidates.FirstOrDefault(t => t.Locale == locale)
            ?? candidates.FirstOrDefault(t => DefaultTemplates.Language(t.Locale) == language)
            ?? candidates.FirstOrDefault(t => t.Locale == "en")
            ?? candidates.OrderBy(t => t.Locale, StringComparer.Ordinal).FirstOrDefault();
        return chosen is null
            ? DefaultTemplates.For(eventType, locale)
            : new TemplateText(chosen.Subject, chosen.Body, chosen.HtmlBody, $"tenant:{chosen.Id}");
    }
}
