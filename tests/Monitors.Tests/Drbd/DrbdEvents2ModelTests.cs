using Failover.Monitors.Drbd;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdEvents2ModelTests
{
    private static DrbdEvents2Model Replay(string text)
    {
        var batch = DrbdEvents2Parser.ParseAll(text);
        Assert.Empty(batch.Problems);
        var model = new DrbdEvents2Model();
        model.ApplyAll(batch.Events);
        return model;
    }

    private static DrbdEvent Event(string line)
    {
        Assert.True(DrbdEvents2Parser.TryParse(line, out var e, out var error), error);
        return e;
    }

    [Fact]
    public void Sync_ConnectedSyncSourceWithDonePercent()
    {
        var model = Replay(DrbdFixture.Events2("events2-sync.test"));
        Assert.True(model.InitialDumpComplete);
        var s = Assert.Single(model.States);
        Assert.Equal("some-resource", s.Name);
        Assert.Equal((0, 1000), (s.Volume, s.Minor));
        Assert.Equal("SyncSource", s.ConnectionState);
        Assert.True(s.IsSyncing);
        Assert.Equal((DrbdRole.Secondary, DrbdRole.Secondary), (s.LocalRole, s.PeerRole));
        Assert.Equal((DrbdDiskState.UpToDate, DrbdDiskState.Inconsistent), (s.LocalDisk, s.PeerDisk));
        Assert.Equal(37.5, s.SyncPercent);
        Assert.False(s.SplitBrain);
    }

    [Fact]
    public void AllCreateChange_EndsPrimaryConnectedUpToDate()
    {
        var model = Replay(DrbdFixture.Events2("events2-all-create-change.test"));
        var s = model.Find("some-resource")!;
        Assert.Equal("Connected", s.ConnectionState);
        Assert.Equal(DrbdRole.Primary, s.LocalRole);
        Assert.Equal(DrbdRole.Unknown, s.PeerRole); // never reported by this transcript
        Assert.True(s.IsHealthy);
        Assert.Null(s.Sync);
    }

    [Fact]
    public void AllCreateChange_StepByStep()
    {
        var events = DrbdEvents2Parser.ParseAll(DrbdFixture.Events2("events2-all-create-change.test")).Events;
        var model = new DrbdEvents2Model();
        foreach (var e in events.Take(5)) model.Apply(e); // exists -, resource, device, connection, peer-device
        var s = model.Find("some-resource")!;
        Assert.Equal("StandAlone", s.ConnectionState);
        Assert.Equal(DrbdDiskState.Diskless, s.LocalDisk);
        Assert.Equal(DrbdDiskState.DUnknown, s.PeerDisk);
        Assert.Equal(DrbdRole.Secondary, s.LocalRole);
    }

    [Fact]
    public void ChangeCarriesOnlyChangedKeys_OthersKeepTheirValues()
    {
        var model = Replay(DrbdFixture.Events2("events2-may-promote-peer-role.test"));
        var s = model.Find("some-resource")!;
        // The last line changed only role: the connection state set before must survive it. This transcript never
        // reports replication Established, so the word is the peer device's Off: connected, handshake not done.
        Assert.Equal("Off", s.ConnectionState);
        Assert.Equal(DrbdConnectionKind.Waiting, s.Connection);
        Assert.Equal(DrbdRole.Primary, s.PeerRole);
        Assert.Equal(DrbdRole.Secondary, s.LocalRole);
        Assert.Equal(DrbdDiskState.UpToDate, s.LocalDisk);

        Assert.True(model.Apply(Event("change device name:some-resource volume:0 disk:Outdated")));
        s = model.Find("some-resource")!;
        Assert.Equal(DrbdDiskState.Outdated, s.LocalDisk);
        Assert.Equal(1000, s.Minor);
        Assert.Equal(DrbdRole.Primary, s.PeerRole);
    }

    [Fact]
    public void ChangeBeforeExistsEnd_ResourceAndDeviceUpdated()
    {
        var model = Replay(DrbdFixture.Events2("events2-change-before-exists.test"));
        var s = Assert.Single(model.States);
        Assert.Equal(DrbdRole.Primary, s.LocalRole);
        Assert.Equal(DrbdDiskState.UpToDate, s.LocalDisk);
        Assert.Equal("StandAlone", s.ConnectionState); // no connection configured at all
        Assert.Equal(DrbdRole.Unknown, s.PeerRole);
    }

    [Fact]
    public void DestroyRemovesEverything()
    {
        var model = Replay(DrbdFixture.Events2("events2-all-create-destroy.test"));
        Assert.Empty(model.States);
        Assert.Empty(model.ResourceNames);
        Assert.Null(model.Find("some-resource"));
    }

    [Fact]
    public void DestroyConnection_DropsItsPeerDevices()
    {
        var events = DrbdEvents2Parser.ParseAll(DrbdFixture.Events2("events2-all-create-destroy.test")).Events;
        var model = new DrbdEvents2Model();
        model.ApplyAll(events.Take(6)); // everything created
        model.Apply(Event("destroy connection name:some-resource peer-node-id:1 conn-name:some-peer"));
        var s = model.Find("some-resource")!;
        Assert.Equal("StandAlone", s.ConnectionState);
        Assert.Equal(DrbdDiskState.DUnknown, s.PeerDisk);
        // A peer-device change arriving later recreates the connection, not the old one's state.
        model.Apply(Event("change peer-device name:some-resource peer-node-id:1 volume:0 peer-disk:UpToDate"));
        Assert.Equal("Unknown", model.Find("some-resource")!.ConnectionState);
    }

    [Fact]
    public void DeviceCreateDestroy_VolumesComeAndGo()
    {
        var events = DrbdEvents2Parser.ParseAll(DrbdFixture.Events2("events2-device-create-destroy.test")).Events;
        var model = new DrbdEvents2Model();
        model.ApplyAll(events.Take(4));
        Assert.Equal([(0, 1000), (1, 1001)], model.States.Select(s => (s.Volume!.Value, s.Minor!.Value)));
        model.Apply(events[4]); // destroy volume 1
        Assert.Equal([0], model.StatesOf("some-resource").Select(s => s.Volume!.Value));
        model.Apply(events[5]); // destroy volume 0: resource without devices
        var bare = Assert.Single(model.States);
        Assert.Null(bare.Volume);
        Assert.Null(bare.Minor);
        model.ApplyAll(events.Skip(6));
        Assert.Empty(model.States);
    }

    [Fact]
    public void PromotionScoreDevices_TwoVolumesBothUpToDate()
    {
        var model = Replay(DrbdFixture.Events2("events2-promotion-score-devices.test"));
        Assert.Equal(2, model.States.Count);
        Assert.All(model.States, s => Assert.True(s.IsLocalUpToDate));
        Assert.Equal(1001, model.Find("some-resource", 1)!.Minor);
    }

    [Fact]
    public void OtherHelpersDoNotMeanSplitBrain()
    {
        var model = Replay(DrbdFixture.Events2("events2-all-create-helper.test"));
        Assert.False(model.Find("some-resource")!.SplitBrain);
    }

    [Fact]
    public void SplitBrainHelper_SetsFlagUntilPeerConnectsAgain()
    {
        // REFERENCE §3 example stream.
        var model = Replay("""
            exists resource name:r0 role:Secondary suspended:no force-io-failures:no may_promote:no promotion_score:10101
            exists device name:r0 volume:0 minor:0 backing_dev:/dev/vg/r0 disk:UpToDate client:no open:no quorum:yes
            exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Primary
            exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no
            exists -
            """);
        Assert.True(model.Find("r0")!.IsHealthy);

        model.Apply(Event("change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:SyncSource peer-disk:Inconsistent done:37.50"));
        Assert.Equal(37.5, model.Find("r0")!.SyncPercent);

        Assert.True(model.Apply(Event("call helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain")));
        model.Apply(Event("change connection name:r0 peer-node-id:1 conn-name:peer connection:StandAlone role:Unknown"));
        var s = model.Find("r0")!;
        Assert.True(s.SplitBrain);
        Assert.True(s.IsStandAlone);
        Assert.Null(s.Sync); // not syncing any more
        Assert.False(s.IsHealthy);

        model.Apply(Event("response helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain status:0"));
        model.Apply(Event("change connection name:r0 peer-node-id:1 conn-name:peer connection:Connecting"));
        Assert.True(model.Find("r0")!.SplitBrain);

        model.Apply(Event("change connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary"));
        s = model.Find("r0")!;
        Assert.False(s.SplitBrain);
        // The replication word from before the split is still SyncSource but its old percentage is gone only when
        // a new replication state arrives; here DRBD would send one, so send it.
        model.Apply(Event("change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate"));
        Assert.True(model.Find("r0")!.IsHealthy);
    }

    [Fact]
    public void ConnectedBeforeThePeerDeviceHandshakeIsNotHealthyYet()
    {
        // events2-all-create-change: "connection:Connected" comes one line before "replication:Established".
        var events = DrbdEvents2Parser.ParseAll(DrbdFixture.Events2("events2-all-create-change.test")).Events;
        var connected = events.ToList().FindIndex(e => e["connection"] == "Connected");
        var model = new DrbdEvents2Model();
        model.ApplyAll(events.Take(connected + 1));
        var s = model.Find("some-resource")!;
        Assert.Equal("Off", s.ConnectionState);
        Assert.False(s.IsHealthy);
        Assert.False(DrbdResourceVerdict.Of("r", s).Healthy);

        model.Apply(events[connected + 1]);
        Assert.Equal("Connected", model.Find("some-resource")!.ConnectionState);
    }

    [Fact]
    public void DonePercentDoesNotOutliveItsResync()
    {
        var model = Replay(DrbdFixture.Events2("events2-sync.test"));
        model.Apply(Event("change peer-device name:some-resource peer-node-id:1 volume:0 replication:Established peer-disk:UpToDate"));
        model.Apply(Event("change peer-device name:some-resource peer-node-id:1 volume:0 replication:SyncSource peer-disk:Inconsistent"));
        var s = model.Find("some-resource")!;
        Assert.True(s.IsSyncing);
        Assert.Null(s.SyncPercent);
    }

    [Fact]
    public void LowestPeerNodeIdIsThePeerShown()
    {
        var model = Replay("""
            exists resource name:r0 role:Primary
            exists device name:r0 volume:0 minor:0 disk:UpToDate
            exists connection name:r0 peer-node-id:2 conn-name:b connection:Connecting role:Unknown
            exists connection name:r0 peer-node-id:1 conn-name:a connection:Connected role:Secondary
            exists peer-device name:r0 peer-node-id:1 conn-name:a volume:0 replication:Established peer-disk:UpToDate
            exists -
            """);
        var s = model.Find("r0")!;
        Assert.Equal("Connected", s.ConnectionState);
        Assert.Equal(DrbdRole.Secondary, s.PeerRole);
        Assert.Equal(DrbdDiskState.UpToDate, s.PeerDisk);
    }

    [Theory]
    [InlineData("change resource role:Primary")] // no name
    [InlineData("change device name:r0 disk:UpToDate")] // no volume
    [InlineData("change connection name:r0 connection:Connected")] // no peer-node-id
    [InlineData("change peer-device name:r0 peer-node-id:1 replication:SyncSource")] // no volume
    [InlineData("change path name:r0 peer-node-id:1 established:yes")]
    [InlineData("change quantum-link name:r0 spin:up")]
    [InlineData("response helper name:r0 helper:split-brain status:0")]
    public void EventsWithoutTheirNamingKeysOrOfNoInterestAreIgnored(string line)
    {
        var model = new DrbdEvents2Model();
        Assert.False(model.Apply(Event(line)));
        Assert.Empty(model.States);
    }

    [Fact]
    public void UnknownStateWordsAreUnknownNotUpToDate()
    {
        var model = Replay("""
            create resource name:r0 role:Overlord
            create device name:r0 volume:0 minor:0 disk:Shiny
            """);
        var s = model.Find("r0")!;
        Assert.Equal(DrbdRole.Unknown, s.LocalRole);
        Assert.Equal(DrbdDiskState.DUnknown, s.LocalDisk);
        Assert.False(model.InitialDumpComplete);
    }
}
