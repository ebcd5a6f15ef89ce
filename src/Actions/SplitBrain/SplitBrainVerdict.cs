namespace Failover.Actions.SplitBrain;

/// <summary>The planner's answer: a plan, or why nothing runs.</summary>
public sealed record SplitBrainVerdict(SplitBrainPlan? Plan, string? WhyNot)
{
    public static SplitBrainVerdict Run(SplitBrainPlan plan) => new(plan, null);

    public static SplitBrainVerdict Nothing(string why) => new(null, why);
}
