namespace Failover.Rules.Decisions;

/// <summary><c>notify: "text"</c>: tell the admins (by mail, in a later release).</summary>
public sealed record Notify(string Text) : Decision
{
    public const string Key = "notify";

    public override bool IsAction => true;

    internal override int Rank => 6;

    public override string ToString() => $"{Key}: \"{Text}\"";
}
