namespace Failover.LinkWatch.Tests.Root;

/// <summary>A fact that needs root (it makes veth pairs); skipped otherwise. As root, a failure is a failure.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!RootHost.IsRoot)
        {
            Skip = "needs root (creates veth pairs)";
        }
    }
}
