namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A fact that needs root. It skips only for want of root: as root, a missing tool fails the test
/// (the harness throws), because CI runs as root and must run every lab test.
/// </summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (!LabHost.IsRoot)
        {
            Skip = LabHost.NotRootReason;
        }
    }
}
