using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

/// <summary>The one-shot events2 source (--now) against a fake drbdsetup: a shell script that checks its arguments and prints lines.</summary>
public sealed class DrbdProbeEvents2NowTests : IDisposable
{
    private const string Healthy = """
        exists resource name:r0 role:Primary suspended:no may_promote:no promotion_score:10101
        exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary
        exists device name:r0 volume:0 minor:0 disk:UpToDate client:no quorum:yes
        exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no
        exists path name:r0 peer-node-id:1 conn-name:peer local:ipv4:192.0.2.1:7789 peer:ipv4:192.0.2.2:7789 established:yes
        exists -
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("drbdprobe-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Writes ./drbdsetup running <paramref name="body"/> after checking it got "events2 --now all".</summary>
    private string FakeDrbdsetup(string body)
    {
        var path = Path.Combine(_dir.FullName, "drbdsetup");
        File.WriteAllText(path,
            "#!/bin/sh\n[ \"$*\" = \"events2 --now all\" ] || { echo \"bad arguments: $*\" >&2; exit 99; }\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string Printing(string lines) => FakeDrbdsetup($"cat <<'END'\n{lines}\nEND");

    private static DrbdProbe Probe(string program, TimeSpan? timeout = null, params string[] resources) =>
        new("drbd", new DrbdProbeOptions
        {
            Resources = resources.Length == 0 ? ["r0"] : resources,
            Source = DrbdSource.Events2Now,
            Events2Command = [program, "events2", "--now", "all"],
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        });

    /// <summary>Retries the rare ETXTBSY when another test's fork still held the just-written script open.</summary>
    private static async Task<ProbeResult> RunAsync(DrbdProbe probe)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
            if (attempt == 3 || !result.Reason.Contains("busy", StringComparison.OrdinalIgnoreCase)) return result;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_connected_up_to_date_resource_is_healthy()
    {
        var probe = Probe(Printing(Healthy));
        var result = await RunAsync(probe);
        Assert.Equal("r0: Connected Primary/Secondary UpToDate/UpToDate", result.Reason);
        Assert.True(result.Healthy);
        var state = Assert.Single(probe.LastStates);
        Assert.Equal(("r0", 0, 0), (state.Name, state.Volume, state.Minor));
    }

    [Fact]
    public async Task A_resync_is_down_with_its_progress()
    {
        var result = await RunAsync(Probe(Printing(Healthy + """

            change resource name:r0 role:Secondary
            change device name:r0 volume:0 minor:0 disk:Inconsistent
            change connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Primary
            change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:SyncTarget peer-disk:UpToDate done:20.80
            """)));
        Assert.False(result.Healthy);
        Assert.Equal("r0: SyncTarget 20.8% (disk Inconsistent)", result.Reason);
    }

    [Fact]
    public async Task The_split_brain_helper_marks_the_resource_down()
    {
        var result = await RunAsync(Probe(Printing(Healthy + """

            change connection name:r0 peer-node-id:1 conn-name:peer connection:StandAlone role:Unknown
            call helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain
            response helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain status:0
            """)));
        Assert.False(result.Healthy);
        Assert.Equal("r0: split brain", result.Reason);
    }

    [Fact]
    public async Task Garbage_lines_are_skipped()
    {
        var lines = Healthy.Split('\n');
        var noisy = string.Join('\n', lines.Take(2).Append("garbage without a verb").Append("change").Concat(lines.Skip(2)).Append("%%%"));
        var result = await RunAsync(Probe(Printing(noisy)));
        Assert.True(result.Healthy, result.Reason);
        Assert.Equal("r0: Connected Primary/Secondary UpToDate/UpToDate", result.Reason);
    }

    [Fact]
    public async Task Output_without_the_end_of_the_dump_is_not_trusted()
    {
        var probe = Probe(Printing("garbage only\nexists resource name:r0 role:Primary"));
        var result = await RunAsync(probe);
        Assert.False(result.Healthy);
        Assert.Equal("drbdsetup printed no complete events2 dump (no \"exists -\" line)", result.Reason);
        Assert.Empty(probe.LastStates);
    }

    [Fact]
    public async Task Resources_are_found_by_name_or_minor_and_missing_ones_reported()
    {
        var result = await RunAsync(Probe(Printing(Healthy), null, "minor:0", "r9", "minor:7"));
        Assert.False(result.Healthy);
        Assert.Equal("minor 0: Connected Primary/Secondary UpToDate/UpToDate; r9: not configured; minor 7: not configured",
            result.Reason);
    }

    [Fact]
    public async Task Every_volume_of_a_resource_is_judged()
    {
        var result = await RunAsync(Probe(Printing(Healthy.Replace("exists -", """
            exists device name:r0 volume:1 minor:1 disk:Outdated client:no quorum:yes
            exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:1 replication:Established peer-disk:UpToDate
            exists -
            """))));
        Assert.False(result.Healthy);
        Assert.Equal("r0: Connected Primary/Secondary UpToDate/UpToDate; " +
            "r0/1: Connected Primary/Secondary Outdated/UpToDate (local disk Outdated)", result.Reason);
    }

    [Fact]
    public async Task A_hung_drbdsetup_is_killed_with_its_children()
    {
        var pidFile = Path.Combine(_dir.FullName, "child.pid");
        var probe = Probe(FakeDrbdsetup($"sleep 60 & echo $! > '{pidFile}'; wait"), TimeSpan.FromMilliseconds(500));
        var result = await RunAsync(probe);
        Assert.False(result.Healthy);
        Assert.Equal("drbdsetup gave no result within 500 ms; killed its process tree", result.Reason);
        Assert.True(result.Latency < TimeSpan.FromSeconds(5), result.Latency.ToString());
        Assert.True(await ProcessGone.WaitAsync(int.Parse(File.ReadAllText(pidFile).Trim())), "sleep 60 survived the kill");
        Assert.Empty(probe.LastStates);
    }

    [Fact]
    public async Task A_failing_drbdsetup_gives_its_first_error_line()
    {
        var result = await RunAsync(Probe(FakeDrbdsetup(
            "echo 'exists -'; echo \"Could not connect to 'drbd' generic netlink family\" >&2; echo more >&2; exit 20")));
        Assert.False(result.Healthy);
        Assert.Equal("drbdsetup exited with 20: Could not connect to 'drbd' generic netlink family", result.Reason);
    }

    [Fact]
    public async Task A_missing_drbdsetup_cannot_start()
    {
        var missing = Path.Combine(_dir.FullName, "absent", "drbdsetup");
        var result = await RunAsync(Probe(missing));
        Assert.False(result.Healthy);
        Assert.StartsWith($"cannot start {missing}: ", result.Reason);
    }

    [Fact]
    public async Task Cancellation_kills_and_throws()
    {
        var probe = Probe(FakeDrbdsetup("sleep 60"), TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
