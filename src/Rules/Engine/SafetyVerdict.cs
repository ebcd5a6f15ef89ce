namespace Failover.Rules.Engine;

/// <summary>One built-in safety check, which no rule can switch off.</summary>
/// <param name="Check">What is checked: "r0 UpToDate locally", "vip-up chain", …</param>
/// <param name="Passed">False: <see cref="Blocks"/> applies.</param>
/// <param name="Detail">The fact behind the verdict.</param>
/// <param name="Blocks">What a failed check prevents.</param>
public sealed record SafetyVerdict(string Check, bool Passed, string Detail, VetoKind Blocks);
