namespace Failover.Actions.Chains;

/// <summary>What a step reports: success, a one-line detail ("exit 0", "already mounted") and its (capped) output.</summary>
public sealed record StepOutcome(bool Succeeded, string Detail, string Output = "")
{
    public static StepOutcome Ok(string detail, string output = "") => new(true, detail, output);

    public static StepOutcome Failed(string detail, string output = "") => new(false, detail, output);
}
