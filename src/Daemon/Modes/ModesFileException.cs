namespace Failover.Daemon.Modes;

/// <summary>state_dir/modes.json is not what failoverd writes.</summary>
public sealed class ModesFileException(string message, Exception? inner = null) : Exception(message, inner);
