namespace Failover.LinkWatch;

/// <summary>The raw (undebounced) carrier of a watched interface, by name.</summary>
internal readonly record struct LinkState(string Name, bool Up);
