using System.Net;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Actions.Tests.Support;

namespace Failover.Actions.Tests.Steps;

/// <summary>The mount steps with the real mount(8), umount(8) and /proc/self/mountinfo, on a tmpfs.</summary>
public sealed class RealMountTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly string _path = Directory.CreateTempSubdirectory("failover-mount-").FullName;
    private readonly SystemSteps _steps = new(new FakeVips(), "eth0", IPAddress.Parse("192.0.2.100"), TimeProvider.System);

    public void Dispose()
    {
        while (MountInfo.At(MountInfo.Parse(File.ReadAllText(MountInfo.SelfPath)), _path) is not null)
            System.Diagnostics.Process.Start("/bin/umount", ["-l", _path]).WaitForExit();
        Directory.Delete(_path);
    }

    [RootFact]
    public async Task A_tmpfs_is_mounted_once_and_unmounted_once_however_often_asked()
    {
        var mount = new MountStep("failover-test", _path, "tmpfs", "size=1m,mode=0700", Limit);
        var umount = new UmountStep(_path, Limit);

        Assert.Equal(StepOutcome.Ok("exit 0"), await _steps.RunAsync(mount, CancellationToken.None));
        Assert.Equal(StepOutcome.Ok("already mounted (tmpfs)"), await _steps.RunAsync(mount, CancellationToken.None));
        var entry = MountInfo.At(MountInfo.Parse(File.ReadAllText(MountInfo.SelfPath)), _path);
        Assert.Equal(new MountEntry(_path, "tmpfs", "failover-test"), entry);

        Assert.Equal(StepOutcome.Ok("exit 0"), await _steps.RunAsync(umount, CancellationToken.None));
        Assert.Equal(StepOutcome.Ok("not mounted"), await _steps.RunAsync(umount, CancellationToken.None));
        Assert.Null(MountInfo.At(MountInfo.Parse(File.ReadAllText(MountInfo.SelfPath)), _path));
    }

    [RootFact]
    public async Task A_mount_that_fails_says_why()
    {
        var outcome = await _steps.RunAsync(new MountStep("failover-test", _path, "nosuchfs", null, Limit), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("exit 32: mount: ", outcome.Detail);
    }
}
