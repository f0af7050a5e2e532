using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portico.Messaging;
using Portico.Messaging.Broadcasts;

namespace Portico.UnitTests;

/// <summary>A 429 holds every sender of the bot, including one already queued for its next token.</summary>
public sealed class BroadcastPacerTests
{
    [Fact]
    public async Task A_sender_queued_for_a_token_when_the_hold_begins_waits_the_hold_out()
    {
        // 10 a second: one token every 100 ms.
        using var pacer = new BroadcastPacer(Options.Create(new MessagingOptions { BroadcastMessagesPerSecond = 10 }), TimeProvider.System);
        var bot = Guid.NewGuid();
        await pacer.WaitTurnAsync(bot, CancellationToken.None);

        var queued = pacer.WaitTurnAsync(bot, CancellationToken.None);
        var held = Stopwatch.StartNew();
        _ = pacer.HoldAsync(bot, TimeSpan.FromMilliseconds(700), CancellationToken.None);
        await queued;

        held.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(650));
    }
}
