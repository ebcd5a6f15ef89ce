namespace Failover.Daemon.Alerts;

/// <summary>The other node as an alert shows it: its name and its state in words (or that it is not heard).</summary>
public sealed record PeerLine(string Node, string State);
