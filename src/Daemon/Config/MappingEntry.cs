namespace Failover.Daemon.Config;

internal sealed record MappingEntry(ScalarNode Key, ConfigNode Value);
