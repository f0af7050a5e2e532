using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Portico.Scheduling.Contracts;

namespace Portico.Catalog.Services;

/// <summary>
/// Reads <c>appointment.booked</c> from the event log and stamps <see cref="Service.BookedAt"/> on the services it names
/// (the first booking only): from then on a service can be archived but not deleted. Stamping an already stamped
/// service changes nothing, so a redelivered event is harmless.
/// </summary>
internal sealed class MarkServicesBooked(IServiceScopeFactory scopes) : IEventSubscriber
{
    public string Name => "catalog.services-booked";

    public IReadOnlyCollection<string>? EventTypes { get; } = ["appointment.booked"];

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var message in events)
        {
            var ids = message.DataAs<AppointmentBooked>().Services.Select(s => s.ServiceId).Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            await scopes.RunForEventAsync(message, Name, async services =>
            {
                var db = services.GetRequiredService<CatalogDbContext>();
                var unbooked = await db.Services.Where(s => ids.Contains(s.Id) && s.BookedAt == null).ToListAsync(cancellationToken);
                foreach (var service in unbooked)
                {
                    service.BookedAt = message.OccurredAt;
                }

                if (unbooked.Count > 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            });
        }
    }
}
