namespace Portico.WorkOrders.Orders;

/// <summary>
/// The status flow of a work order. Forward: draft → estimate_sent → approved → scheduled → in_progress ⇄
/// waiting_for_parts → ready → delivered; cancelled from anywhere before delivery. A few steps back are allowed because
/// workshops need them: an estimate sent can go back to draft for changes, a car ready can go back into work. Anything
/// else is a 409 <c>illegal-status-transition</c> naming the statuses allowed next.
/// </summary>
internal static class WorkOrderStatuses
{
    public const string Draft = "draft";
    public const string EstimateSent = "estimate_sent";
    public const string Approved = "approved";
    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string WaitingForParts = "waiting_for_parts";
    public const string Ready = "ready";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public const string IllegalCode = "illegal-status-transition";

    /// <summary>In flow order (the board's columns).</summary>
    public static readonly string[] All = [Draft, EstimateSent, Approved, Scheduled, InProgress, WaitingForParts, Ready, Delivered, Cancelled];

    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Draft] = [EstimateSent, Approved, Cancelled],
        [EstimateSent] = [Approved, Draft, Cancelled],
        [Approved] = [Scheduled, InProgress, Cancelled],
        [Scheduled] = [InProgress, Cancelled],
        [InProgress] = [WaitingForParts, Ready, Cancelled],
        [WaitingForParts] = [InProgress, Ready, Cancelled],
        [Ready] = [Delivered, InProgress],
        [Delivered] = [],
        [Cancelled] = [],
    };

    public static bool IsKnown(string? status) => status is not null && Next.ContainsKey(status);

    public static IReadOnlyList<string> AllowedAfter(string status) => Next.GetValueOrDefault(status) ?? [];

    public static bool CanMove(string from, string to) => AllowedAfter(from).Contains(to);

    /// <summary>Before approval: the estimate (lines and prices) may change.</summary>
    public static bool IsEstimate(string status) => status is Draft or EstimateSent;

    /// <summary>Approved and not yet ready: stages can be started, parts consumed.</summary>
    public static bool IsWorkable(string status) => status is Approved or Scheduled or InProgress or WaitingForParts;

    /// <summary>Delivered or cancelled: nothing changes any more.</summary>
    public static bool IsClosed(string status) => status is Delivered or Cancelled;

    public static int IndexOf(string status) => Array.IndexOf(All, status);
}
