namespace Failover.Lab.Tests.Harness;

/// <summary>failoverd's ifplugd-style debounce for a node's eth0.</summary>
public readonly record struct LabLinkDelays(TimeSpan Up, TimeSpan Down);
