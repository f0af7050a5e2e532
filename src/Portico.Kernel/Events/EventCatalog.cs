using System.Reflection;

namespace Portico.Kernel.Events;

/// <summary>One known event type: what webhooks, triggers and docs may name.</summary>
public sealed record EventTypeInfo(string Name, string RealtimeName, string Description, Type PayloadType);

/// <summary>Every event type the loaded modules declare, found once at start-up by their <see cref="EventTypeAttribute"/>.</summary>
public sealed class EventCatalog
{
    /// <summary>Tenants may publish their own events through the API; their types start with this prefix.</summary>
    public const string CustomPrefix = "custom.";

    private readonly Dictionary<string, EventTypeInfo> _byName;

    public EventCatalog(IEnumerable<Assembly> assemblies)
    {
        _byName = assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<EventTypeAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new EventTypeInfo(x.Attribute!.Name, x.Attribute.RealtimeName ?? x.Attribute.Name, x.Attribute.Description, x.Type))
            .ToDictionary(x => x.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<EventTypeInfo> All => _byName.Values;

    public EventTypeInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True for a declared type, a custom type (<c>custom.*</c>), or the wildcard <c>*</c> (subscriptions only).</summary>
    public bool IsSubscribable(string name) =>
        name == "*" || _byName.ContainsKey(name) || IsCustom(name);

    public static bool IsCustom(string name) =>
        name.StartsWith(CustomPrefix, StringComparison.Ordinal) && name.Length > CustomPrefix.Length && name.Length <= 100
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');
}
