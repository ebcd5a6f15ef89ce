namespace Failover.Actions.Tests.Support;

/// <summary>A fact that needs root (a real mount); skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
            Skip = "needs root";
    }
}
