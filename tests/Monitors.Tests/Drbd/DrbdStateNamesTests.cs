using Failover.Monitors.Drbd;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdStateNamesTests
{
    [Theory]
    [InlineData("Unconfigured", DrbdConnectionKind.Unconfigured)]
    [InlineData("StandAlone", DrbdConnectionKind.Disconnected)]
    [InlineData("Disconnecting", DrbdConnectionKind.Disconnected)]
    [InlineData("Unconnected", DrbdConnectionKind.Disconnected)]
    [InlineData("Timeout", DrbdConnectionKind.Disconnected)]
    [InlineData("BrokenPipe", DrbdConnectionKind.Disconnected)]
    [InlineData("NetworkFailure", DrbdConnectionKind.Disconnected)]
    [InlineData("ProtocolError", DrbdConnectionKind.Disconnected)]
    [InlineData("TearDown", DrbdConnectionKind.Disconnected)]
    [InlineData("WFConnection", DrbdConnectionKind.Waiting)]
    [InlineData("WFReportParams", DrbdConnectionKind.Waiting)]
    [InlineData("Connecting", DrbdConnectionKind.Waiting)]
    [InlineData("Off", DrbdConnectionKind.Waiting)]
    [InlineData("Connected", DrbdConnectionKind.Connected)]
    [InlineData("Established", DrbdConnectionKind.Connected)]
    [InlineData("VerifyS", DrbdConnectionKind.Connected)]
    [InlineData("VerifyT", DrbdConnectionKind.Connected)]
    [InlineData("StartingSyncS", DrbdConnectionKind.Syncing)]
    [InlineData("StartingSyncT", DrbdConnectionKind.Syncing)]
    [InlineData("WFBitMapS", DrbdConnectionKind.Syncing)]
    [InlineData("WFBitMapT", DrbdConnectionKind.Syncing)]
    [InlineData("WFSyncUUID", DrbdConnectionKind.Syncing)]
    [InlineData("SyncSource", DrbdConnectionKind.Syncing)]
    [InlineData("SyncTarget", DrbdConnectionKind.Syncing)]
    [InlineData("PausedSyncS", DrbdConnectionKind.Syncing)]
    [InlineData("PausedSyncT", DrbdConnectionKind.Syncing)]
    [InlineData("Ahead", DrbdConnectionKind.Syncing)]
    [InlineData("Behind", DrbdConnectionKind.Syncing)]
    [InlineData("connected", DrbdConnectionKind.Unknown)]
    [InlineData("", DrbdConnectionKind.Unknown)]
    public void Classify(string state, DrbdConnectionKind kind) => Assert.Equal(kind, DrbdStateNames.Classify(state));

    [Theory]
    [InlineData("Diskless", DrbdDiskState.Diskless)]
    [InlineData("Attaching", DrbdDiskState.Attaching)]
    [InlineData("Detaching", DrbdDiskState.Detaching)]
    [InlineData("Failed", DrbdDiskState.Failed)]
    [InlineData("Negotiating", DrbdDiskState.Negotiating)]
    [InlineData("Inconsistent", DrbdDiskState.Inconsistent)]
    [InlineData("Outdated", DrbdDiskState.Outdated)]
    [InlineData("DUnknown", DrbdDiskState.DUnknown)]
    [InlineData("Consistent", DrbdDiskState.Consistent)]
    [InlineData("UpToDate", DrbdDiskState.UpToDate)]
    public void DiskStates(string text, DrbdDiskState disk)
    {
        Assert.True(DrbdStateNames.TryParseDisk(text, out var parsed));
        Assert.Equal(disk, parsed);
    }

    [Theory]
    [InlineData("uptodate")]
    [InlineData("9")]
    [InlineData("")]
    public void StrangeDiskWordsAreRejectedAsDUnknown(string text)
    {
        Assert.False(DrbdStateNames.TryParseDisk(text, out var parsed));
        Assert.Equal(DrbdDiskState.DUnknown, parsed);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("primary")]
    public void StrangeRoleWordsAreRejectedAsUnknown(string text)
    {
        Assert.False(DrbdStateNames.TryParseRole(text, out var role));
        Assert.Equal(DrbdRole.Unknown, role);
    }
}
