namespace Portico.Crm.Pages;

/// <summary>A card as a board shows it: a lead or a deal.</summary>
internal sealed record BoardCard(Guid Id, string Title, string? Subtitle, string? Amount, Guid StageId);

/// <summary>
/// The cards of a board in their columns and in board order. A drop or a "Move to" moves a card to a stage and an
/// index there; the index is what the server's MoveCard is told, so the order seen is the order kept.
/// </summary>
internal sealed class BoardColumns
{
    private readonly List<Guid> _stages = [];
    private readonly Dictionary<Guid, List<BoardCard>> _columns = [];

    public IReadOnlyList<Guid> Stages => _stages;

    public void SetColumn(Guid stageId, IEnumerable<BoardCard> cards)
    {
        if (!_columns.ContainsKey(stageId))
        {
            _stages.Add(stageId);
        }

        _columns[stageId] = cards.Select(c => c with { StageId = stageId }).ToList();
    }

    public void Append(Guid stageId, IEnumerable<BoardCard> cards) => _columns[stageId].AddRange(cards.Where(c => Find(c.Id) is null));

    public IReadOnlyList<BoardCard> Column(Guid stageId) => _columns.TryGetValue(stageId, out var cards) ? cards : [];

    /// <summary>Every card, column by column in board order (what a drop container renders). Lazy on purpose: the drop
    /// container keeps the sequence it was given and re-reads it on Refresh(), which comes before the next render.</summary>
    public IEnumerable<BoardCard> All => _stages.SelectMany(s => _columns[s]);

    public BoardCard? Find(Guid cardId) => _columns.Values.SelectMany(c => c).FirstOrDefault(c => c.Id == cardId);

    /// <summary>Puts a new card at the top of its column (where the newest cards are).</summary>
    public void AddFirst(BoardCard card)
    {
        if (Find(card.Id) is null && _columns.TryGetValue(card.StageId, out var column))
        {
            column.Insert(0, card);
        }
    }

    /// <summary>Moves a card to <paramref name="index"/> of <paramref name="stageId"/>'s column (clamped); returns the index it took.</summary>
    public int Move(Guid cardId, Guid stageId, int index)
    {
        var card = Find(cardId) ?? throw new InvalidOperationException("The card is not on the board.");
        var target = _columns[stageId];
        _columns[card.StageId].Remove(card);
        var position = Math.Clamp(index, 0, target.Count);
        target.Insert(position, card with { StageId = stageId });
        return position;
    }
}
