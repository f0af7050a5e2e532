using System.Globalization;
using Portico.Crm.Contracts;

namespace Portico.Scheduling.Appointments;

internal sealed record AppointmentClientView(string? Name, string? Email, string? Phone);

internal sealed record AppointmentLineView(
    Guid ServiceId, string Name, MoneyAmount Price, MoneyAmount? PriceMax, int DurationMinutes, int BufferBeforeMinutes, int BufferAfterMinutes,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? ResourceKind, Guid? ResourceId, int? ResourceUnit);

internal sealed record AppointmentHistoryView(DateTimeOffset At, string? From, string To, string Actor, string? Reason);

/// <summary>An appointment as the API shows it; <see cref="History"/> only on a single appointment.</summary>
internal sealed record AppointmentView(
    Guid Id, string Status, Guid StaffId, Guid? ResourceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Source,
    Guid? ContactId, Guid? DealId, AppointmentClientView Client, string Locale, string? TimeZone, string? Notes,
    MoneyAmount Price, MoneyAmount Deposit, IReadOnlyList<AppointmentLineView> Services,
    string? CancellationReason, string? CancelledBy, DateTimeOffset? CancelledAt, IReadOnlyList<AppointmentHistoryView>? History,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static AppointmentView From(Appointment a, IEnumerable<AppointmentStatusChange>? history = null) => new(
        a.Id, a.Status, a.StaffId, a.ResourceId, a.StartsAt, a.EndsAt, a.Source, a.ContactId, a.DealId,
        new AppointmentClientView(a.ClientName, a.ClientEmail, a.ClientPhone), a.Locale, a.TimeZone, a.Notes,
        Money(a.PriceMinor, a.Currency), Money(a.DepositMinor, a.Currency),
        a.Lines.OrderBy(l => l.Position).Select(l => new AppointmentLineView(
            l.ServiceId, l.Name, Money(l.PriceMinor, a.Currency), l.PriceMaxMinor is { } max ? Money(max, a.Currency) : null, l.DurationMinutes,
            l.BufferBeforeMinutes, l.BufferAfterMinutes, l.StartsAt, l.EndsAt, l.ResourceKind, l.ResourceId, l.ResourceUnit)).ToList(),
        a.CancellationReason, a.CancelledBy, a.CancelledAt,
        history?.OrderBy(h => h.Id).Select(h => new AppointmentHistoryView(h.CreatedAt, h.FromStatus, h.ToStatus, h.Actor, h.Reason)).ToList(),
        a.CreatedAt, a.UpdatedAt, a.Version);

    /// <summary>Minor units as <c>{"amount": "12.50", "currency": "EUR"}</c>.</summary>
    public static MoneyAmount Money(long minor, string currency) => MinorUnits.View(minor, currency);
}
