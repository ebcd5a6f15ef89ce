namespace Failover.Daemon.Config;

/// <summary>
/// A mapping whose keys have been checked against the keys it may have: every unknown key is
/// reported (with a did-you-mean), then values are handed out by name.
/// </summary>
internal sealed class KeyedMapping
{
    private readonly MappingNode _node;
    private readonly string _where;
    private readonly ConfigErrorCollector _errors;

    private KeyedMapping(MappingNode node, string where, ConfigErrorCollector errors) =>
        (_node, _where, _errors) = (node, where, errors);

    public TextPosition Position => _node.Position;

    /// <param name="where">How messages name this mapping: "in group", "at top level".</param>
    /// <returns>Null, after reporting <paramref name="notAMapping"/>, when the node is not a mapping.</returns>
    public static KeyedMapping? Open(
        ConfigNode node, string where, IReadOnlyCollection<string> knownKeys, string notAMapping, ConfigErrorCollector errors)
    {
        if (node is not MappingNode map)
        {
            errors.Add(node.Position, notAMapping);
            return null;
        }
        foreach (var entry in map.Entries)
        {
            if (!knownKeys.Contains(entry.Key.Value))
                errors.Add(entry.Key.Position, UnknownKey(entry.Key.Value, where, knownKeys));
        }
        return new KeyedMapping(map, where, errors);
    }

    public static string UnknownKey(string key, string where, IReadOnlyCollection<string> knownKeys) =>
        KeySuggestion.Closest(key, knownKeys) is { } suggestion
            ? $"unknown key '{key}' {where} (did you mean '{suggestion}'?)"
            : $"unknown key '{key}' {where} (known keys: {string.Join(", ", knownKeys)})";

    public bool Has(string key) => _node.Find(key) is not null;

    public ScalarNode? KeyNode(string key) => _node.Find(key)?.Key;

    /// <summary>The value, or null when the key is absent or its value is a YAML null ("not given").</summary>
    public ConfigNode? Optional(string key) => _node.Find(key)?.Value is { IsNull: false } value ? value : null;

    /// <summary>
    /// The value, possibly a YAML null so that the caller reports the wrong type at its position;
    /// null (after reporting) when the key is absent.
    /// </summary>
    public ConfigNode? Required(string key)
    {
        if (_node.Find(key) is { } entry)
            return entry.Value;
        _errors.Add(_node.Position, $"missing required key '{key}' {_where}");
        return null;
    }
}
