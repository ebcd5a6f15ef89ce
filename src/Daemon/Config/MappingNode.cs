namespace Failover.Daemon.Config;

/// <summary>A mapping in file order; duplicate keys were already reported and dropped by the reader.</summary>
internal sealed record MappingNode(TextPosition Position, IReadOnlyList<MappingEntry> Entries) : ConfigNode(Position)
{
    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Value == key);
}
