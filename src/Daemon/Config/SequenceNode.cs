namespace Failover.Daemon.Config;

internal sealed record SequenceNode(TextPosition Position, IReadOnlyList<ConfigNode> Items) : ConfigNode(Position);
