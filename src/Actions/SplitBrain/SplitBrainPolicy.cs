namespace Failover.Actions.SplitBrain;

/// <summary>A group's <c>split_brain:</c> section, validated.</summary>
/// <param name="Survivor">The node whose data survives under <see cref="SplitBrainPolicyKind.Survivor"/>; null otherwise.</param>
/// <param name="Resources">The DRBD resources the policy covers; the rules' <c>split_brain_recovery</c> may name only these.</param>
/// <param name="StopServices">Units stopped on the victim before its data is discarded (systemctl stop), in order.</param>
/// <param name="Unmount">Mount points unmounted on the victim after the services: a mounted device cannot become Secondary.</param>
/// <param name="Drbdadm">drbdadm's path, the same on both nodes.</param>
/// <param name="Systemctl">systemctl's path, the same on both nodes.</param>
/// <param name="CommandTimeout">Each command's deadline, local or on the peer.</param>
public sealed record SplitBrainPolicy(
    SplitBrainPolicyKind Kind,
    string? Survivor,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> StopServices,
    IReadOnlyList<string> Unmount,
    string Drbdadm,
    string Systemctl,
    TimeSpan CommandTimeout)
{
    public const string DefaultUmount = "/bin/umount";

    public const string DefaultFailoverctl = "/usr/bin/failoverctl";

    /// <summary>failoverctl's path (the same on both nodes): a MASTER victim releases the group with it.</summary>
    public string Failoverctl { get; init; } = DefaultFailoverctl;

    /// <summary>The victim's control socket for that failoverctl; null: failoverctl's default.</summary>
    public string? ControlSocket { get; init; }

    public static TimeSpan DefaultCommandTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>umount's path (the same on both nodes).</summary>
    public string Umount { get; init; } = DefaultUmount;

    public static string Word(SplitBrainPolicyKind kind) => kind switch
    {
        SplitBrainPolicyKind.Survivor => "survivor",
        SplitBrainPolicyKind.LastPrimary => "last_primary",
        _ => "manual",
    };
}
