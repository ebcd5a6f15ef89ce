using Failover.Monitors.Drbd;

namespace Failover.Monitors.Tests.Drbd;

public sealed class ProcDrbdParserTests
{
    private static ProcDrbdSnapshot Clean(string fixture)
    {
        var snapshot = ProcDrbdParser.Parse(DrbdFixture.Text(fixture));
        Assert.Empty(snapshot.Problems);
        return snapshot;
    }

    [Fact]
    public void NodeExporter843_ConnectedPrimaryPrimary()
    {
        var s = Clean("proc-8.4.3-node_exporter.txt");
        Assert.Equal("8.4.3", s.Version);
        Assert.Equal(8, s.MajorVersion);
        Assert.False(s.NeedsEvents2);
        Assert.Equal(["srcversion: 1A9F77B1CA5FF92235C2213"], s.BuildInfo);
        var r = Assert.Single(s.Resources);
        Assert.Equal(1, r.Minor);
        Assert.Null(r.Name);
        Assert.Equal("Connected", r.ConnectionState);
        Assert.Equal(DrbdConnectionKind.Connected, r.Connection);
        Assert.Equal((DrbdRole.Primary, DrbdRole.Primary), (r.LocalRole, r.PeerRole));
        Assert.Equal((DrbdDiskState.UpToDate, DrbdDiskState.UpToDate), (r.LocalDisk, r.PeerDisk));
        Assert.Null(r.Sync);
        Assert.True(r.IsHealthy);
        Assert.False(r.SplitBrain);
    }

    [Fact]
    public void UsersGuide824_StFormWithCacheLines()
    {
        var s = Clean("proc-8.2.4-connected-usersguide.txt");
        Assert.Equal("8.2.4", s.Version);
        Assert.StartsWith("GIT-hash: fc00c6e0", Assert.Single(s.BuildInfo));
        var r = Assert.Single(s.Resources);
        Assert.Equal(0, r.Minor);
        Assert.Equal((DrbdRole.Secondary, DrbdRole.Secondary), (r.LocalRole, r.PeerRole));
        Assert.Equal((DrbdDiskState.UpToDate, DrbdDiskState.UpToDate), (r.LocalDisk, r.PeerDisk));
        Assert.True(r.IsHealthy);
    }

    [Theory]
    [InlineData("proc-8.2.4-standalone-primary-seed.txt", DrbdRole.Primary)]
    [InlineData("proc-8.2.4-standalone-secondary-seed.txt", DrbdRole.Secondary)]
    public void Seed824_SplitBrainLeavesBothStandAlone(string fixture, DrbdRole local)
    {
        var s = Clean(fixture);
        Assert.Equal("8.2.4", s.Version);
        Assert.Equal(2, s.BuildInfo.Count); // GIT-hash wrapped over two lines in the notes
        var r = Assert.Single(s.Resources);
        Assert.Equal("StandAlone", r.ConnectionState);
        Assert.True(r.IsStandAlone);
        Assert.Equal(DrbdConnectionKind.Disconnected, r.Connection);
        Assert.Equal((local, DrbdRole.Unknown), (r.LocalRole, r.PeerRole));
        Assert.Equal((DrbdDiskState.UpToDate, DrbdDiskState.DUnknown), (r.LocalDisk, r.PeerDisk));
        Assert.True(r.IsLocalUpToDate);
        Assert.False(r.IsHealthy);
        Assert.False(r.SplitBrain); // /proc/drbd cannot tell; see DrbdResourceState remarks
    }

    [Theory]
    [InlineData("proc-8.4.0-splitbrain-node1.txt", DrbdRole.Secondary)]
    [InlineData("proc-8.4.0-splitbrain-node2.txt", DrbdRole.Primary)]
    public void SplitBrain840_StandAloneWithSixCharFlags(string fixture, DrbdRole local)
    {
        var s = Clean(fixture);
        Assert.Equal("8.4.0", s.Version);
        var r = Assert.Single(s.Resources);
        Assert.True(r.IsStandAlone);
        Assert.Equal(local, r.LocalRole);
        Assert.Equal(DrbdDiskState.DUnknown, r.PeerDisk);
    }

    [Fact]
    public void SyncTarget838_PercentKiBFinishAndSpeed()
    {
        var s = Clean("proc-8.3.8-synctarget-majorio.txt");
        var r = Assert.Single(s.Resources);
        Assert.Equal("SyncTarget", r.ConnectionState);
        Assert.True(r.IsSyncing);
        Assert.Equal((DrbdRole.Secondary, DrbdRole.Primary), (r.LocalRole, r.PeerRole));
        Assert.Equal((DrbdDiskState.Inconsistent, DrbdDiskState.UpToDate), (r.LocalDisk, r.PeerDisk));
        Assert.False(r.IsLocalUpToDate);
        Assert.Equal(20.8, r.SyncPercent);
        Assert.Equal(new DrbdSyncProgress(20.8, 813660, 1023932, TimeSpan.FromSeconds(90), 8976), r.Sync);
    }

    [Fact]
    public void AfterSync838_ConnectedWithoutProgress()
    {
        var r = Assert.Single(Clean("proc-8.3.8-connected-majorio.txt").Resources);
        Assert.Equal(DrbdConnectionKind.Connected, r.Connection);
        Assert.Null(r.SyncPercent);
        Assert.True(r.IsHealthy);
    }

    [Fact]
    public void SyncSource838_MegabyteUnits()
    {
        var r = Assert.Single(Clean("proc-8.3.8-syncsource-checkmk.txt").Resources);
        Assert.Equal("SyncSource", r.ConnectionState);
        Assert.True(r.IsLocalUpToDate);
        Assert.Equal(DrbdDiskState.Inconsistent, r.PeerDisk);
        Assert.Equal(new DrbdSyncProgress(42.4, 294656L * 1024, 510908L * 1024, new TimeSpan(1, 23, 28), 60172), r.Sync);
    }

    [Fact]
    public void Stalled838_PercentWithoutFinish()
    {
        var r = Assert.Single(Clean("proc-8.3.8-stalled-checkmk.txt").Resources);
        Assert.Equal(0.1, r.SyncPercent);
        Assert.Null(r.Sync!.Finish);
        Assert.Equal(510908L * 1024, r.Sync.RemainingKiB);
    }

    [Fact]
    public void TwoMinors8311_WaitingForPeer()
    {
        var s = Clean("proc-8.3.11-wfconnection-pastebin.txt");
        Assert.Equal([0, 1], s.Resources.Select(r => r.Minor));
        Assert.All(s.Resources, r => Assert.Equal(DrbdConnectionKind.Waiting, r.Connection));
        Assert.Equal(DrbdDiskState.Outdated, s.Minor(0)!.PeerDisk);
        Assert.Equal(DrbdDiskState.Inconsistent, s.Minor(1)!.PeerDisk);
        Assert.All(s.Resources, r => Assert.Equal(DrbdRole.Unknown, r.PeerRole));
    }

    [Fact]
    public void UnconfiguredMinorsAndBuiltIn()
    {
        const string text = """
            version: 8.4.11 (api:1/proto:86-101)
            built-in
             0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
                ns:0 nr:0 dw:0 dr:656 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
             1: cs:Unconfigured
             2: cs:Unconfigured
            """;
        var s = ProcDrbdParser.Parse(text);
        Assert.Empty(s.Problems);
        Assert.Equal(["built-in"], s.BuildInfo);
        Assert.Equal(3, s.Resources.Count);
        Assert.Equal(DrbdConnectionKind.Unconfigured, s.Minor(1)!.Connection);
        Assert.Equal(DrbdRole.Unknown, s.Minor(2)!.LocalRole);
        Assert.Equal(DrbdDiskState.DUnknown, s.Minor(2)!.LocalDisk);
    }

    [Fact]
    public void VerifyLineAndThousandsInWant()
    {
        const string text = """
            version: 8.4.3 (api:1/proto:86-101)
             0: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
                ns:0 nr:0 dw:0 dr:656 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
            	[=>..................] verified: 12.5% (7000/8000)M
            	finish: 10:00:05 speed: 1,234 (5,678) want: 1,024,000 K/sec
            	 12% sector pos: 2048/16384
            """;
        var s = ProcDrbdParser.Parse(text);
        Assert.Empty(s.Problems);
        var r = Assert.Single(s.Resources);
        Assert.Equal(DrbdConnectionKind.Connected, r.Connection);
        Assert.False(r.IsSyncing);
        Assert.Equal(new DrbdSyncProgress(12.5, 7000L * 1024, 8000L * 1024, new TimeSpan(10, 0, 5), 1234, IsVerify: true), r.Sync);
    }

    [Fact]
    public void Drbd9ProcFile_NoResourcesAndPointsToEvents2()
    {
        const string text = """
            version: 9.0.6-1 (api:2/proto:86-112)
            GIT-hash: 08cda190c4f544a0c4e15ba792bbf47c69707b42 build by buildsystem@linbit, 2016-12-23 13:29:04
            Transports (api:15): tcp (1.0.0)
            """;
        var s = ProcDrbdParser.Parse(text);
        Assert.Empty(s.Problems);
        Assert.Empty(s.Resources);
        Assert.Equal(9, s.MajorVersion);
        Assert.True(s.NeedsEvents2);
    }

    [Fact]
    public void ProblemsCarryLineNumbersAndTheRestStillParses()
    {
        const string text = "version: 8.4.3 (api:1/proto:86-101)\n"
            + " 0: cs:Connected ro:Primary/Sideways ds:UpToDate/UpToDate C r-----\n"
            + "    this is not drbd\n"
            + " 1: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
            + "    [>...] sync'ed: abc% (1/2)K\n"
            + "    finish: soon speed: 1 K/sec\n"
            + " 2: ro:Primary/Secondary\n";
        var s = ProcDrbdParser.Parse(text);
        Assert.Equal([2, 3, 5, 6, 7], s.Problems.Select(p => p.LineNumber));
        Assert.Equal("    this is not drbd".Trim(), s.Problems[1].Line);
        Assert.Equal(3, s.Resources.Count);
        Assert.Equal(DrbdRole.Primary, s.Minor(0)!.LocalRole);
        Assert.Equal(DrbdRole.Unknown, s.Minor(0)!.PeerRole);
        Assert.Null(s.Minor(1)!.Sync);
        Assert.Equal("Unknown", s.Minor(2)!.ConnectionState);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("\0\0\0")]
    public void NoVersionLineIsAProblem(string text)
    {
        var s = ProcDrbdParser.Parse(text);
        Assert.Null(s.Version);
        Assert.Equal(0, s.Problems[0].LineNumber);
        Assert.Empty(s.Resources);
    }
}
