namespace Failover.Rules.Decisions;

/// <summary><c>reconnect_drbd: r0</c>: ask DRBD to connect a resource to its peer again.</summary>
public sealed record ReconnectDrbd(string Resource) : Decision
{
    public const string Key = "reconnect_drbd";

    public override bool IsAction => true;

    internal override int Rank => 4;

    public override string ToString() => $"{Key}: {Resource}";
}
