namespace Failover.Daemon.Http;

/// <summary>
/// The CARP machine's transition reasons ("no advertisement for 3 s", "preferred master 192.0.2.2 advertised (…)")
/// folded into a small fixed set, so that a metric label does not carry addresses and timings.
/// </summary>
public static class TransitionCause
{
    public const string Startup = "startup";
    public const string MasterDown = "master_down";
    public const string LinkDown = "link_down";
    public const string Shutdown = "shutdown";
    public const string AdminRelease = "admin_release";
    public const string AdminTakeover = "admin_takeover";
    public const string NotEligible = "not_eligible";
    public const string PreferredMaster = "preferred_master";
    public const string MasterBowedOut = "master_bowed_out";
    public const string Preempt = "preempt";
    public const string Other = "other";

    /// <summary>Every label value, in the order docs/metrics.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Startup, MasterDown, LinkDown, Shutdown, AdminRelease, AdminTakeover, NotEligible, PreferredMaster, MasterBowedOut, Preempt, Other];

    public static string Classify(string reason) => reason switch
    {
        "startup" => Startup,
        "link down" => LinkDown,
        "shutdown" => Shutdown,
        "released by admin" => AdminRelease,
        "taken over by admin" => AdminTakeover,
        _ when reason.StartsWith("no advertisement for ", StringComparison.Ordinal) => MasterDown,
        _ when reason.StartsWith("not eligible: ", StringComparison.Ordinal) => NotEligible,
        _ when reason.StartsWith("preferred master ", StringComparison.Ordinal) => PreferredMaster,
        _ when reason.StartsWith("master ", StringComparison.Ordinal) && reason.Contains(" bowed out", StringComparison.Ordinal) => MasterBowedOut,
        _ when reason.StartsWith("preempting ", StringComparison.Ordinal) => Preempt,
        _ => Other,
    };
}
