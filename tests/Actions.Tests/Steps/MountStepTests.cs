using System.Net;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Actions.Tests.Support;

namespace Failover.Actions.Tests.Steps;

/// <summary>The mount steps against a simulated mount/umount and mount table (Sim/mount-sim).</summary>
public sealed class MountStepTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private readonly SimDirectory _sim = new();
    private readonly SystemSteps _steps;

    public MountStepTests()
    {
        var commands = new MountCommands(_sim.Command("mount", "mount-sim"), _sim.Command("umount", "mount-sim"), _sim.File("mountinfo"));
        File.WriteAllText(_sim.File("mountinfo"), "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");
        _steps = new SystemSteps(new FakeVips(), "eth0", IPAddress.Parse("192.0.2.100"), TimeProvider.System, commands);
    }

    public void Dispose() => _sim.Dispose();

    private Task<StepOutcome> Run(ChainStep step) => _steps.RunAsync(step, CancellationToken.None);

    private void Mounted(string device, string path, string fstype = "ext4") =>
        File.AppendAllText(_sim.File("mountinfo"), $"60 27 147:0 / {path} rw,relatime - {fstype} {device} rw\n");

    [Fact]
    public async Task Mounts_with_the_type_and_options_given()
    {
        var outcome = await Run(new MountStep("/dev/drbd0", "/srv", "ext4", "noatime,nodev", Limit));

        Assert.Equal(StepOutcome.Ok("exit 0"), outcome);
        Assert.Equal(["mount -t ext4 -o noatime,nodev /dev/drbd0 /srv"], _sim.Calls);
        Assert.Contains(" /srv rw,relatime - ext4 /dev/drbd0 ", _sim.Read("mountinfo"));
    }

    [Fact]
    public async Task Without_type_and_options_mount_is_given_the_device_and_path_only()
    {
        await Run(new MountStep("/dev/drbd0", "/srv", null, null, Limit));
        Assert.Equal(["mount /dev/drbd0 /srv"], _sim.Calls);
    }

    [Fact]
    public async Task The_device_already_mounted_there_is_not_mounted_again()
    {
        Mounted("/dev/drbd0", "/srv");

        var outcome = await Run(new MountStep("/dev/drbd0", "/srv/", "ext4", null, Limit));

        Assert.Equal(StepOutcome.Ok("already mounted (ext4)"), outcome);
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task A_device_named_through_a_link_is_the_device_the_table_shows()
    {
        var device = _sim.File("drbd0");
        _sim.Touch("drbd0");
        var link = _sim.File("by-res-r0-0");
        File.CreateSymbolicLink(link, "drbd0");
        Mounted(device, "/srv");

        Assert.Equal(StepOutcome.Ok("already mounted (ext4)"), await Run(new MountStep(link, "/srv", null, null, Limit)));
    }

    [Fact]
    public async Task Another_device_mounted_there_is_a_failure_and_nothing_is_mounted_over_it()
    {
        Mounted("/dev/sdb1", "/srv");

        var outcome = await Run(new MountStep("/dev/drbd0", "/srv", "ext4", null, Limit));

        Assert.Equal(StepOutcome.Failed("/srv already has /dev/sdb1 mounted"), outcome);
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task A_failed_mount_reports_mounts_complaint()
    {
        var outcome = await Run(new MountStep("/dev/missing", "/srv", "ext4", null, Limit));

        Assert.Equal("exit 32: mount: /srv: special device /dev/missing does not exist.", outcome.Detail);
    }

    [Fact]
    public async Task Umount_of_a_mounted_path_unmounts_it_and_a_second_umount_does_nothing()
    {
        Mounted("/dev/drbd0", "/srv");

        Assert.Equal(StepOutcome.Ok("exit 0"), await Run(new UmountStep("/srv", Limit)));
        Assert.Equal(StepOutcome.Ok("not mounted"), await Run(new UmountStep("/srv", Limit)));

        Assert.Equal(["umount /srv"], _sim.Calls);
        Assert.DoesNotContain("/srv", _sim.Read("mountinfo"));
    }
}
