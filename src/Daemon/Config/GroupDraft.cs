namespace Failover.Daemon.Config;

/// <summary>
/// What binding one group produced: the config when the group is valid on its own, plus the located
/// values that checks across groups need (kept even when other keys of the group are wrong, so those
/// checks still run and every error is reported at once).
/// </summary>
internal sealed record GroupDraft(
    TextPosition Position,
    GroupConfig? Config,
    Located<string>? Name,
    Located<string>? Interface,
    Located<byte>? Vhid,
    IReadOnlyList<Located<VipAddress>> Vips,
    IReadOnlyList<TextPosition>? ForPeerAt = null,
    TextPosition? SyncAt = null)
{
    /// <summary>Where the group's split_brain: key is, for the checks that need the node and the peer.</summary>
    public TextPosition? SplitBrainAt { get; init; }

    public string Describe() => Name is { } name
        ? $"group '{name.Value}' (line {Position.Line})"
        : $"the group at line {Position.Line}";
}
