namespace Failover.Ctl.Import;

/// <summary>A value for failover.yaml, already in YAML form, and where it came from (written as its comment).</summary>
public sealed record ImportedValue(string Yaml, string From);
