namespace Portico.Kernel.Errors;

/// <summary>
/// Collects field errors of a request and throws one <see cref="ValidationException"/> with all
/// of them, so a client learns every broken rule at once.
/// </summary>
public sealed class Rules
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Rules Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        return this;
    }

    public Rules Required(string? value, string field) =>
        Check(!string.IsNullOrWhiteSpace(value), field, "is required.");

    public Rules Length(string? value, string field, int min, int max) =>
        value is null ? this : Check(value.Length >= min && value.Length <= max, field, $"must be {min} to {max} characters long.");

    public Rules OneOf(string? value, string field, IReadOnlyCollection<string> allowed) =>
        value is null ? this : Check(allowed.Contains(value), field, $"must be one of: {string.Join(", ", allowed)}.");

    public bool IsValid => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
