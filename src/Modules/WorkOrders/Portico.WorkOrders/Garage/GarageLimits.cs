using System.Net;
using Portico.Kernel.Security;
using Portico.WorkOrders.Tracking;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// The per-address limit on reading garages through the public API (in-process, like <see cref="TrackingLimits"/>):
/// a person opens their garage a few times; a script walking tokens gets a 429. The page reads through the same use case
/// without this limit (it runs in the client's own circuit, one reload per change).
/// </summary>
internal sealed class GarageLimits() : PerMinuteLimit(ReadsPerMinute, "Too many requests from your address. Wait a minute and try again.")
{
    public const int ReadsPerMinute = 60;

    public void Acquire(IPAddress? address) => Acquire(PerAddress(address));
}
