namespace Failover.Actions.Chains;

/// <summary>What a step reports: success, a one-line detail ("exit 0", "already mounted") and its (capped) output.</summary>
public sealed record StepOutcome(bool Succeeded, string Detail, string Output = "")
{
    /// <summary>Not done because the state it was for has passed (the group left MASTER while its on_master ran):
    /// no fault of the step's, and a newer chain follows.</summary>
    public bool IsSuperseded { get; init; }

    public static StepOutcome Ok(string detail, string output = "") => new(true, detail, output);

    public static StepOutcome Failed(string detail, string output = "") => new(false, detail, output);

    public static StepOutcome Superseded(string detail) => new(false, detail) { IsSuperseded = true };
}
