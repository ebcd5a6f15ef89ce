namespace Failover.Lab.Tests.Harness;

/// <summary>The theory form of <see cref="LabFactAttribute"/>: skips without root, never for a missing tool.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (!LabHost.IsRoot)
        {
            Skip = LabHost.NotRootReason;
        }
    }
}
