using System.Net;
using Portico.Kernel.Errors;
using Portico.WorkOrders.Garage;
using Portico.WorkOrders.Tracking;

namespace Portico.UnitTests.WorkOrders;

public sealed class SignedLinkLimitsTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("203.0.113.8");

    [Fact]
    public void A_client_decides_on_an_estimate_ten_times_a_minute_per_order_then_waits()
    {
        using var limits = new TrackingLimits();
        var order = Guid.NewGuid();
        for (var i = 0; i < TrackingLimits.DecisionsPerMinute; i++)
        {
            limits.Acquire(order, Client);
        }

        var refused = Should.Throw<TooManyRequestsException>(() => limits.Acquire(order, Client));
        refused.RetryAfter.ShouldNotBeNull();
        refused.RetryAfter.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        refused.RetryAfter.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));

        // Another order, or another address, has its own window.
        limits.Acquire(Guid.NewGuid(), Client);
        limits.Acquire(order, Neighbour);
    }

    [Fact]
    public void A_garage_is_read_sixty_times_a_minute_per_address_then_waits()
    {
        using var limits = new GarageLimits();
        for (var i = 0; i < GarageLimits.ReadsPerMinute; i++)
        {
            limits.Acquire(Client);
        }

        Should.Throw<TooManyRequestsException>(() => limits.Acquire(Client)).RetryAfter.ShouldNotBeNull();
        limits.Acquire(Neighbour);
    }
}
