using System.Net;
using Portico.Kernel.Security;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// The per-address limit on the client's decisions through a tracking link (in-process, like the web forms' and the
/// public booking's limits): a handful a minute per address and order is plenty for a person and nothing for a script.
/// </summary>
internal sealed class TrackingLimits() : PerMinuteLimit(DecisionsPerMinute, "Too many attempts from your address. Wait a minute and try again.")
{
    public const int DecisionsPerMinute = 10;

    public void Acquire(Guid orderId, IPAddress? address) => Acquire(PerAddress(address, orderId.ToString("N")));
}
