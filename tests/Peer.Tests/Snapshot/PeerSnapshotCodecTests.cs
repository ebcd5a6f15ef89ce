using System.Text;
using Failover.Peer.Snapshot;
using Failover.Peer.Tests.Support;

namespace Failover.Peer.Tests.Snapshot;

public sealed class PeerSnapshotCodecTests
{
    [Fact]
    public void Round_trips_every_field()
    {
        var snapshot = Samples.Snapshot("varda") with { Version = "0.2.0" };
        var back = PeerSnapshotCodec.TryDecode(PeerSnapshotCodec.Encode(snapshot))!;
        Assert.Equal("varda", back.Node);
        Assert.Equal("0.2.0", back.Version);
        var group = Assert.Single(back.Groups);
        Assert.Equal(("samba", "Master", true, false, false, "None"),
            (group.Name, group.State, group.LinkUp, group.Maintenance, group.Standby, group.Preference));
        Assert.Equal(new PeerProbeSnapshot("smb", "samba", "Up", "dialect 0x0302"), Assert.Single(group.Probes));
        Assert.Equal(new PeerDrbdSnapshot("r0", "Connected", "Primary", "Secondary", "UpToDate", "UpToDate"), Assert.Single(group.Drbd));
    }

    [Fact]
    public void Writes_the_json_shown_in_the_readme()
    {
        const string expected = "{\"node\":\"varda\",\"version\":\"0.1.0\",\"groups\":[{\"name\":\"samba\",\"state\":\"Master\",\"link_up\":true," +
            "\"probes\":[{\"name\":\"smb\",\"kind\":\"samba\",\"health\":\"Up\",\"reason\":\"dialect 0x0302\"}]," +
            "\"drbd\":[{\"name\":\"r0\",\"connection_state\":\"Connected\",\"local_role\":\"Primary\",\"peer_role\":\"Secondary\"," +
            "\"local_disk\":\"UpToDate\",\"peer_disk\":\"UpToDate\",\"split_brain\":false}],\"maintenance\":false,\"standby\":false,\"preference\":\"None\"}]}";
        Assert.Equal(expected, Encoding.UTF8.GetString(PeerSnapshotCodec.Encode(Samples.Snapshot("varda"))));
    }

    [Fact]
    public void Carries_the_last_primary_time_and_an_older_sender_without_it_reads_as_none()
    {
        var at = new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);
        var snapshot = Samples.Snapshot("varda");
        snapshot = snapshot with { Groups = [snapshot.Groups[0] with { Drbd = [snapshot.Groups[0].Drbd[0] with { LastPrimary = at }] }] };

        var json = Encoding.UTF8.GetString(PeerSnapshotCodec.Encode(snapshot));
        var back = PeerSnapshotCodec.TryDecode(PeerSnapshotCodec.Encode(snapshot))!;

        Assert.Contains("\"last_primary\":\"2026-11-21T18:00:00+00:00\"", json);
        Assert.Equal(at, back.Groups[0].Drbd[0].LastPrimary);
        Assert.Null(PeerSnapshotCodec.TryDecode(PeerSnapshotCodec.Encode(Samples.Snapshot("varda")))!.Groups[0].Drbd[0].LastPrimary);
    }

    [Fact]
    public void Writes_snake_case_and_leaves_out_nulls()
    {
        var json = Encoding.UTF8.GetString(PeerSnapshotCodec.Encode(Samples.Snapshot("varda")));
        Assert.Contains("\"link_up\":true", json);
        Assert.Contains("\"connection_state\":\"Connected\"", json);
        Assert.Contains("\"split_brain\":false", json);
        Assert.DoesNotContain("sync_percent", json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"version\":\"1\"}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[null]}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[{\"name\":\"g\"}]}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[{\"name\":\"g\",\"state\":\"Master\",\"probes\":[{\"name\":\"x\"}]}]}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[{\"name\":\"g\",\"state\":\"Master\",\"drbd\":null}]}")]
    [InlineData("{\"node\":1,\"version\":\"1\"}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[{\"name\":\"g\",\"state\":\"Master\",\"about_you\":[{\"name\":\"x\"}]}]}")]
    [InlineData("{\"node\":\"a\",\"version\":\"1\",\"groups\":[{\"name\":\"g\",\"state\":\"Master\",\"about_you\":[null]}]}")]
    public void Anything_but_a_complete_snapshot_decodes_to_null(string json)
    {
        Assert.Null(PeerSnapshotCodec.TryDecode(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Round_trips_what_the_sender_measured_of_the_receiver()
    {
        var snapshot = Samples.Snapshot("varda");
        snapshot = snapshot with
        {
            Groups = [snapshot.Groups[0] with { AboutYou = [new PeerProbeSnapshot("dhcp", "dhcp", "Down", "no DHCPOFFER in 2.7 s")] }],
        };
        var back = PeerSnapshotCodec.TryDecode(PeerSnapshotCodec.Encode(snapshot))!;
        Assert.Equal(new PeerProbeSnapshot("dhcp", "dhcp", "Down", "no DHCPOFFER in 2.7 s"), Assert.Single(back.Groups[0].AboutYou!));
        Assert.Equal("smb", Assert.Single(back.Groups[0].Probes).Name);
    }

    [Fact]
    public void A_snapshot_from_an_older_peer_without_about_you_measures_nothing_of_the_receiver()
    {
        var back = PeerSnapshotCodec.TryDecode(
            // What failoverd 0.1.0 wrote (the README's example): every member but about_you.
            Encoding.UTF8.GetBytes("{\"node\":\"varda\",\"version\":\"0.1.0\",\"groups\":[{\"name\":\"samba\",\"state\":\"Master\",\"link_up\":true," +
            "\"probes\":[{\"name\":\"smb\",\"kind\":\"samba\",\"health\":\"Up\",\"reason\":\"dialect 0x0302\"}],\"drbd\":[]," +
            "\"maintenance\":false,\"standby\":false,\"preference\":\"None\"}]}"));
        var group = Assert.Single(back!.Groups);
        Assert.Null(group.AboutYou);
        Assert.Single(group.Probes);
    }

    [Fact]
    public void Unknown_members_from_a_newer_peer_are_ignored()
    {
        var back = PeerSnapshotCodec.TryDecode("{\"node\":\"a\",\"version\":\"9\",\"future\":[1,2],\"groups\":[]}"u8);
        Assert.Equal("a", back!.Node);
    }
}
