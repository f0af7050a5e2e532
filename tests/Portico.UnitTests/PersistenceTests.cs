using Portico.Data;
using Portico.Data.Paging;
using Portico.Kernel.Errors;

namespace Portico.UnitTests;

public sealed class PersistenceTests
{
    private static readonly UtcIsoStringConverter Converter = new();

    [Fact]
    public void Sqlite_timestamps_sort_as_text_in_time_order_whatever_the_offset()
    {
        var moments = new[]
        {
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(3)),   // 09:00 UTC
            new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 9, 30, 0, TimeSpan.FromHours(-1)),  // 10:30 UTC
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
        };

        var byText = moments.OrderBy(m => (string)Converter.ConvertToProvider(m)!, StringComparer.Ordinal);
        byText.ShouldBe(moments.OrderBy(m => m.UtcDateTime));
    }

    [Fact]
    public void Sqlite_timestamps_round_trip_to_the_same_instant()
    {
        var moment = new DateTimeOffset(2026, 11, 25, 14, 3, 7, 123, TimeSpan.FromHours(3)).AddTicks(4567);
        var back = (DateTimeOffset)Converter.ConvertFromProvider(Converter.ConvertToProvider(moment))!;
        back.ShouldBe(moment);
        back.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("not-base64!!")]
    [InlineData("e30")] // {} : valid JSON, but no position in it
    [InlineData("bnVsbA")] // null
    public void A_tampered_cursor_is_a_bad_request(string cursor) =>
        Should.Throw<BadRequestException>(() => Keyset.DecodeCursor<Position>(cursor))
            .Code.ShouldBe("invalid-cursor");

    [Fact]
    public void A_cursor_round_trips() =>
        Keyset.DecodeCursor<Position>(Keyset.EncodeCursor(new Position("abc", 3))).ShouldBe(new Position("abc", 3));

    public sealed record Position(string Key, int N);
}
