namespace Failover.Lab.Tests.Harness;

/// <summary>What the machine running the lab tests offers.</summary>
public static class LabHost
{
    public const string NotRootReason = "lab tests need root (network namespaces)";

    public static bool IsRoot { get; } = Libc.GetEffectiveUserId() == 0;
}
