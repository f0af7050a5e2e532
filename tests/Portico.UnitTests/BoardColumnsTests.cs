using Portico.Crm.Pages;

namespace Portico.UnitTests;

/// <summary>The board's client-side order: what a drop shows is the index the server is told, so the order seen is kept.</summary>
public sealed class BoardColumnsTests
{
    private static readonly Guid New = Guid.NewGuid();
    private static readonly Guid Won = Guid.NewGuid();

    private static BoardColumns Board(params string[] titles)
    {
        var columns = new BoardColumns();
        columns.SetColumn(New, titles.Select(t => new BoardCard(Guid.NewGuid(), t, null, null, Guid.Empty)));
        columns.SetColumn(Won, []);
        return columns;
    }

    private static string[] Titles(BoardColumns columns, Guid stage) => columns.Column(stage).Select(c => c.Title).ToArray();

    [Fact]
    public void A_card_dropped_into_another_column_takes_the_index_it_was_dropped_at_and_its_stage()
    {
        var columns = Board("A", "B", "C");
        var b = columns.Column(New)[1];

        columns.Move(b.Id, Won, 0).ShouldBe(0);

        Titles(columns, New).ShouldBe(["A", "C"]);
        Titles(columns, Won).ShouldBe(["B"]);
        columns.Find(b.Id)!.StageId.ShouldBe(Won);
    }

    [Fact]
    public void An_index_past_the_end_is_clamped_and_reordering_within_a_column_keeps_every_card()
    {
        var columns = Board("A", "B", "C");
        var a = columns.Column(New)[0];

        columns.Move(a.Id, New, 99).ShouldBe(2);

        Titles(columns, New).ShouldBe(["B", "C", "A"]);
    }

    [Fact]
    public void The_cards_are_read_live_so_a_refresh_without_a_render_shows_the_newest_state()
    {
        var columns = Board("A");
        var all = columns.All; // what the drop container holds between renders

        columns.AddFirst(new BoardCard(Guid.NewGuid(), "Fresh", null, null, New));
        columns.SetColumn(Won, [new BoardCard(Guid.NewGuid(), "Won one", null, null, Guid.Empty)]);

        all.Select(c => c.Title).ShouldBe(["Fresh", "A", "Won one"]);
        all.Last().StageId.ShouldBe(Won);
    }

    [Fact]
    public void Show_more_appends_without_duplicating_a_card_already_on_the_board()
    {
        var columns = Board("A", "B");
        var b = columns.Column(New)[1];

        columns.Append(New, [b, new BoardCard(Guid.NewGuid(), "C", null, null, New)]);

        Titles(columns, New).ShouldBe(["A", "B", "C"]);
    }
}
