namespace Failover.Daemon.Config;

/// <summary>The password bytes and, when read from one, the file they came from.</summary>
internal sealed record GroupPassword(byte[] Bytes, string? File);
