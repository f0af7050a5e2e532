using Portico.Crm.Contracts;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// A client's garage behind their signed link: the workshop, how to greet them, their cars and, per car, the work orders
/// in progress (with progress and a link to each order's tracking page) and the closed history. Never drafts (the desk's
/// working copies), never the workshop's notes, costs, stock or who works on the car, never another client's orders.
/// </summary>
/// <param name="Workshop">The workshop's name (what the tracking page shows of it).</param>
/// <param name="FirstName">The client's first name as the CRM has it, else their display name.</param>
/// <param name="Language">The workshop's language (<c>ru</c> or <c>en</c>): stage names are in it.</param>
/// <param name="Vehicles">The client's cars (archived ones only when they have orders), then, for orders of a car no longer theirs, that car as the order recorded it.</param>
internal sealed record GarageView(string Workshop, string FirstName, string Language, IReadOnlyList<GarageVehicle> Vehicles);

/// <summary>
/// A car (the CRM vehicle's id; <c>label</c> is make, model, year and plate as one line; make, model, year, plate and
/// odometer are null for a car known only from an order, no longer among the client's) with its orders in progress
/// (<c>open</c>, newest first) and its delivered and cancelled ones (<c>history</c>, the newest orders first, at most
/// <see cref="GarageViews.HistoryLimit"/>).
/// </summary>
internal sealed record GarageVehicle(
    Guid Id, string Label, string? Make, string? Model, int? Year, string? Plate, long? Odometer, string? OdometerUnit,
    IReadOnlyList<GarageOpenOrder> Open, IReadOnlyList<GarageClosedOrder> History);

/// <summary>A label in both of the client's languages.</summary>
internal sealed record GarageLabel(string En, string Ru);

/// <summary>
/// An order in progress: stages done (or skipped) of the stage count, the current stage (being worked on, else the
/// next; none once ready), whether the estimate waits for the client (<c>estimate_sent</c>) and the order's own
/// tracking page (<c>/w/{token}</c>).
/// </summary>
internal sealed record GarageOpenOrder(
    Guid OrderId, long Number, string Status, GarageLabel StatusLabel, int StagesDone, int StageCount, GarageStage? CurrentStage,
    DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt, MoneyAmount Total, bool EstimateAwaiting, string TrackingUrl);

/// <param name="Position">The stage's place in the chain (0 first).</param>
/// <param name="Name">Its name in the workshop's language.</param>
/// <param name="Status"><c>pending</c> or <c>in_progress</c>.</param>
internal sealed record GarageStage(int Position, string Name, string Status);

/// <summary>A delivered or cancelled order; <c>closedAt</c> is when it was handed over or cancelled.</summary>
internal sealed record GarageClosedOrder(
    Guid OrderId, long Number, string Status, GarageLabel StatusLabel, DateTimeOffset ClosedAt, MoneyAmount Total, string TrackingUrl);

internal static class GarageViews
{
    /// <summary>The newest closed orders shown per car.</summary>
    public const int HistoryLimit = 20;

    /// <summary>The orders in progress shown for one client (newest first): far more than a person has at once.</summary>
    public const int OpenLimit = 100;

    public static GarageLabel StatusLabel(string status) =>
        new(Tracking.TrackingTexts.Status("en", status), Tracking.TrackingTexts.Status("ru", status));
}
