namespace Failover.Daemon.Hooks;

/// <summary>What a hook is told about the group, as ucarp passes `IFACE VIP [XPARAM]` to its scripts.</summary>
public sealed record HookContext(string Group, string Interface, System.Net.IPAddress FirstVip);
