using Failover.Monitors.Drbd;
using Failover.Rules.Facts;

namespace Failover.Rules.Tests.Facts;

public sealed class DrbdFactNamesTests
{
    [Theory]
    [InlineData("r0", DrbdSource.Events2, "r0")]
    [InlineData("r0", DrbdSource.Events2Now, "r0")]
    [InlineData("minor:3", DrbdSource.Events2, "minor3")]
    [InlineData("minor:0", DrbdSource.ProcDrbd, "minor0")]
    [InlineData("1", DrbdSource.ProcDrbd, "minor1")]
    [InlineData("7", DrbdSource.Events2, "7")]
    public void Configured_entries(string entry, DrbdSource source, string name)
    {
        Assert.Equal(name, DrbdFactNames.Of(entry, source));
    }

    [Fact]
    public void A_monitor_gives_its_names_in_order()
    {
        Assert.Equal(["minor0", "minor1"], DrbdFactNames.Of(new DrbdProbeOptions { Resources = ["minor:0", "1"] }));
    }

    [Fact]
    public void Reported_devices_are_named_by_resource_and_volume_or_by_minor()
    {
        Assert.Equal("r0", DrbdFactNames.Of(new DrbdResourceState { Name = "r0", Volume = 0, Minor = 0 }));
        Assert.Equal("r0/1", DrbdFactNames.Of(new DrbdResourceState { Name = "r0", Volume = 1, Minor = 1 }));
        Assert.Equal("minor2", DrbdFactNames.Of(new DrbdResourceState { Minor = 2 }));
    }

    [Fact]
    public void Collect_keeps_the_configured_devices_and_marks_missing_ones_unknown()
    {
        DrbdResourceState[] reported =
        [
            new() { Name = "r0", Volume = 0, Minor = 0, LocalDisk = DrbdDiskState.UpToDate, ConnectionState = "Connected" },
            new() { Name = "r0", Volume = 1, Minor = 1, LocalDisk = DrbdDiskState.Inconsistent, ConnectionState = "SyncTarget" },
            new() { Name = "other", Volume = 0, Minor = 5, LocalDisk = DrbdDiskState.UpToDate },
        ];
        var map = DrbdFactNames.Collect(["r0", "r1", "minor5"], reported);
        Assert.Equal(["minor5", "r0", "r0/1", "r1"], map.Keys);
        Assert.Equal(DrbdDiskState.Inconsistent, map["r0/1"].LocalDisk);
        Assert.Equal("other", map["minor5"].Name);
        Assert.Equal(DrbdDiskState.DUnknown, map["r1"].LocalDisk);
        Assert.False(map["r1"].IsLocalUpToDate);
    }

    [Fact]
    public void A_missing_minor_stays_a_minor()
    {
        var map = DrbdFactNames.Collect(["minor0"], []);
        Assert.Equal(0, map["minor0"].Minor);
        Assert.Null(map["minor0"].Name);
    }
}
