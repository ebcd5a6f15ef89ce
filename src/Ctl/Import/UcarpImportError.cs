namespace Failover.Ctl.Import;

/// <summary>Input import-ucarp cannot turn into a group; the message names the option (failoverctl exits 2).</summary>
public sealed class UcarpImportError(string message) : Exception(message);
