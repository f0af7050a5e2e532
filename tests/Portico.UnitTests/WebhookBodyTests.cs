using System.Buffers;
using System.Text;
using Portico.Messaging.Inbound;

namespace Portico.UnitTests;

/// <summary>What the webhook accepts as a Telegram update: its update_id, read by scanning the body once.</summary>
public sealed class WebhookBodyTests
{
    private static long? UpdateIdOf(string body) => ReceiveTelegramUpdate.UpdateIdOf(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"update_id":42,"message":{"text":"hi"}}""", 42L)]
    [InlineData("""{"message":{"update_id":7,"text":"hi"},"update_id":0}""", 0L)]
    [InlineData(""" {"update_id":1,"update_id":9} """, 9L)]
    public void An_object_with_an_integer_update_id_is_an_update(string body, long expected) =>
        UpdateIdOf(body).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"message":{"update_id":7}}""")]
    [InlineData("""{"update_id":"12"}""")]
    [InlineData("""{"update_id":-1}""")]
    [InlineData("""{"update_id":1.5}""")]
    [InlineData("""{"update_id":99999999999999999999}""")]
    [InlineData("""{"update_id":1,"update_id":"x"}""")]
    [InlineData("""{"update_id":1}{"update_id":2}""")]
    [InlineData("""{"update_id":1,"message":{"text":"cut off""")]
    public void Anything_else_is_not(string body) => UpdateIdOf(body).ShouldBeNull();

    [Fact]
    public void A_body_split_across_buffers_reads_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"message":{"text":"Привет"},"update_id":123}""");
        var first = new Segment(bytes.AsMemory(0, 17));
        var last = first.Append(bytes.AsMemory(17));
        ReceiveTelegramUpdate.UpdateIdOf(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)).ShouldBe(123);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
