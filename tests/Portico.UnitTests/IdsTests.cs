using Portico.Kernel.Domain;

namespace Portico.UnitTests;

public sealed class IdsTests
{
    [Fact]
    public void Ids_made_in_one_millisecond_sort_in_the_order_they_were_made_as_text_and_as_bytes()
    {
        var now = DateTimeOffset.UtcNow; // the same instant 5,000 times: one millisecond's counter, then the next's
        var ids = Enumerable.Range(0, 5_000).Select(_ => Ids.NewId(now)).ToList();

        // SQLite compares the text, PostgreSQL the bytes in written order; both must keep the order of making.
        ids.Select(id => id.ToString().ToUpperInvariant()).ShouldBe(ids.Select(id => id.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal));
        ids.Distinct().Count().ShouldBe(ids.Count);
        for (var i = 1; i < ids.Count; i++)
        {
            ids[i].ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(ids[i - 1].ToByteArray(bigEndian: true)).ShouldBePositive();
        }
    }

    [Fact]
    public void An_id_is_a_version_7_uuid_carrying_the_millisecond_it_was_made_in()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.NewId();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        id.Version.ShouldBe(7);
        (id.Variant & 0xC).ShouldBe(0x8); // RFC 9562's variant, 10xx
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = bytes[..6].Aggregate(0L, (value, b) => (value << 8) | b);
        // Later than the clock only when this process made over 4,096 ids in a millisecond just before.
        milliseconds.ShouldBeInRange(before, after + 100);
    }

    [Fact]
    public void Ids_from_many_threads_at_once_are_all_different()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                ids.Add(Ids.NewId());
            }
        });

        ids.Distinct().Count().ShouldBe(16_000);
    }
}
