using Failover.Actions.Steps;

namespace Failover.Actions.Tests.Steps;

/// <summary>Fixtures/mountinfo.txt is a real /proc/self/mountinfo, taken with a tmpfs mounted on "/tmp/fl-mi/a b".</summary>
public sealed class MountInfoTests
{
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mountinfo.txt"));

    [Fact]
    public void Every_line_of_a_real_table_is_read()
    {
        var mounts = MountInfo.Parse(Fixture);

        Assert.Equal(Fixture.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, mounts.Count);
        Assert.Equal(new MountEntry("/", "ext4", "/dev/vda"), mounts.Single(m => m.MountPoint == "/"));
        Assert.Equal(new MountEntry("/proc", "proc", "proc"), mounts[0]);
    }

    [Fact]
    public void Optional_fields_before_the_separator_are_passed_over()
    {
        // "60 42 0:4 net:[4026532532] /run/netns/ldt rw shared:7 - nsfs nsfs rw"
        var ldt = MountInfo.At(MountInfo.Parse(Fixture), "/run/netns/ldt");
        Assert.Equal(new MountEntry("/run/netns/ldt", "nsfs", "nsfs"), ldt);
    }

    [Fact]
    public void Octal_escapes_in_paths_are_decoded()
    {
        var tmpfs = MountInfo.At(MountInfo.Parse(Fixture), "/tmp/fl-mi/a b");
        Assert.Equal(new MountEntry("/tmp/fl-mi/a b", "tmpfs", "fl-test"), tmpfs);
        Assert.Equal(@"/a\b", MountInfo.Parse(@"1 1 0:1 / /a\134b rw - tmpfs x rw")[0].MountPoint);
        Assert.Equal(@"/a\0", MountInfo.Parse(@"1 1 0:1 / /a\0 rw - tmpfs x rw")[0].MountPoint);
    }

    [Fact]
    public void The_last_of_stacked_mounts_is_the_one_seen()
    {
        var pts = MountInfo.At(MountInfo.Parse(Fixture + "99 29 0:50 / /dev/pts rw,relatime - tmpfs over rw\n"), "/dev/pts");
        Assert.Equal("over", pts!.Source);
    }

    [Theory]
    [InlineData("/run/netns/ldt/")]
    [InlineData("/run/netns/ldt")]
    public void A_trailing_slash_names_the_same_mount_point(string path) =>
        Assert.NotNull(MountInfo.At(MountInfo.Parse(Fixture), path));

    [Fact]
    public void Nothing_mounted_there_is_null() => Assert.Null(MountInfo.At(MountInfo.Parse(Fixture), "/srv"));

    [Fact]
    public void Malformed_lines_are_skipped()
    {
        var mounts = MountInfo.Parse("garbage\n1 2 3 4 5 6 7\n22 27 0:21 / /proc rw,relatime - proc proc rw\n1 1 0:1 / /x rw -\n");
        Assert.Equal(["/proc"], mounts.Select(m => m.MountPoint));
    }
}
