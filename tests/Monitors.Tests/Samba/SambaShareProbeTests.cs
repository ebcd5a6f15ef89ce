using System.Diagnostics;
using Failover.Monitors.Health;
using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

/// <summary>
/// The share check inside <see cref="SambaProbe"/>, with <see cref="FakeSmbServer"/> for the NEGOTIATE and a
/// fake smbclient script that records its argv and runs, so cadence, argv and the deadline are seen exactly.
/// </summary>
public sealed class SambaShareProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fxs-smbclient-").FullName;
    private volatile bool _negotiates = true;
    private readonly FakeSmbServer _server;

    public SambaShareProbeTests()
    {
        _server = new FakeSmbServer(_ => _negotiates ? Smb2Reply.Framed(Smb2Reply.Negotiate(0x0302)) : Smb2Reply.Framed(Smb2Reply.Error(0xC000000D)));
        File.WriteAllText(FakeSmbclient, $$"""
            #!/bin/sh
            printf '%s\n' "$@" > {{_dir}}/argv
            echo run >> {{_dir}}/runs
            if [ -f {{_dir}}/hang ]; then sleep 60 & echo $! > {{_dir}}/child; wait; fi
            if [ -f {{_dir}}/fail ]; then echo 'tree connect failed: NT_STATUS_BAD_NETWORK_NAME'; exit 1; fi
            echo 'getting file \probe.txt of size 6 as /dev/null (6000.0 KiloBytes/sec) (average inf KiloBytes/sec)' >&2
            """);
        File.SetUnixFileMode(FakeSmbclient, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string FakeSmbclient => Path.Combine(_dir, "smbclient");

    private int Runs => File.Exists(Path.Combine(_dir, "runs")) ? File.ReadAllLines(Path.Combine(_dir, "runs")).Length : 0;

    private string Negotiated => $"SMB2 dialect 3.0.2 from {_server.Endpoint}";

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private SambaProbe Probe(int every = 3, TimeSpan? timeout = null, string? smbclient = null, string? path = "probe.txt") =>
        new("smbd", new SambaProbeOptions
        {
            Server = _server.Endpoint,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Share = new SambaShareCheck
            {
                Share = "data", AuthFile = "/etc/failover/smb.auth", Account = "probe", Path = path, Every = every,
                Smbclient = smbclient ?? FakeSmbclient,
            },
        });

    private static Task<ProbeResult> RunAsync(SambaProbe probe) => probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_share_is_checked_on_the_first_run_and_every_nth()
    {
        var probe = Probe(every: 3);
        var reasons = new List<string>();
        var checkedAt = new List<int>();
        for (var run = 1; run <= 7; run++)
        {
            var before = Runs;
            var result = await RunAsync(probe);
            Assert.True(result.Healthy, result.Reason);
            reasons.Add(result.Reason);
            if (Runs > before)
                checkedAt.Add(run);
        }
        Assert.Equal([1, 4, 7], checkedAt);
        var read = $"read probe.txt (6 bytes) from share data on {_server.Endpoint} as probe";
        Assert.Equal($"{Negotiated}; {read}", reasons[0]);
        Assert.Equal($"{Negotiated}; last share check: {read}", reasons[1]);
    }

    [Fact]
    public async Task A_failed_check_is_down_and_checked_again_on_every_run_until_it_passes()
    {
        var probe = Probe(every: 10);
        File.WriteAllText(Path.Combine(_dir, "fail"), "");
        for (var run = 1; run <= 3; run++)
        {
            var result = await RunAsync(probe);
            Assert.Equal((false, $"share data not found on {_server.Endpoint}"), (result.Healthy, result.Reason));
            Assert.Equal(run, Runs);
        }
        File.Delete(Path.Combine(_dir, "fail"));
        Assert.True((await RunAsync(probe)).Healthy);
        Assert.Equal(4, Runs);
        Assert.StartsWith($"{Negotiated}; last share check: read probe.txt", (await RunAsync(probe)).Reason);
        Assert.Equal(4, Runs);
    }

    [Fact]
    public async Task A_failed_negotiate_skips_the_share_and_the_next_good_run_checks_it()
    {
        var probe = Probe(every: 10);
        await RunAsync(probe);
        Assert.Equal(1, Runs);
        _negotiates = false;
        var down = await RunAsync(probe);
        Assert.Equal($"SMB2 status 0xC000000D (STATUS_INVALID_PARAMETER) from {_server.Endpoint}", down.Reason);
        Assert.Equal(1, Runs);
        _negotiates = true;
        Assert.True((await RunAsync(probe)).Healthy);
        Assert.Equal(2, Runs);
    }

    [Theory]
    [InlineData("probe.txt", "get \"probe.txt\" /dev/null")]
    [InlineData("dir with space/probe.txt", "get \"dir with space/probe.txt\" /dev/null")]
    [InlineData(null, "ls")]
    public async Task Smbclient_gets_the_auth_file_and_never_a_password(string? path, string command)
    {
        await RunAsync(Probe(path: path));
        Assert.Equal(
            [$"//127.0.0.1/data", "-A", "/etc/failover/smb.auth", "-p", _server.Endpoint.Port.ToString(), "-c", command],
            File.ReadAllLines(Path.Combine(_dir, "argv")));
    }

    [Fact]
    public async Task A_hung_smbclient_is_killed_with_its_children_at_the_deadline()
    {
        File.WriteAllText(Path.Combine(_dir, "hang"), "");
        var watch = Stopwatch.StartNew();
        var result = await RunAsync(Probe(timeout: TimeSpan.FromSeconds(1.5)));
        Assert.False(result.Healthy);
        Assert.Matches($@"^no answer from {_server.Endpoint} for share data within [\d.]+ (s|ms); smbclient killed$", result.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        var child = int.Parse(File.ReadAllText(Path.Combine(_dir, "child")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitGone(child);
    }

    [Fact]
    public async Task A_missing_smbclient_says_what_to_install()
    {
        var result = await RunAsync(Probe(smbclient: "/nonexistent/smbclient"));
        Assert.False(result.Healthy);
        Assert.StartsWith("cannot start /nonexistent/smbclient: ", result.Reason);
        Assert.EndsWith("(apt-get install smbclient)", result.Reason);
    }

    [Theory]
    [InlineData("da;ta", null)]
    [InlineData("", null)]
    [InlineData("data", "a\"b")]
    [InlineData("data", "x;rm y")]
    [InlineData("data", "/")]
    public void Names_smbclient_would_misread_are_refused(string share, string? path)
    {
        Assert.Throws<ArgumentException>(() => new SambaProbe("smbd", new SambaProbeOptions
        {
            Server = _server.Endpoint,
            Share = new SambaShareCheck { Share = share, AuthFile = "/etc/failover/smb.auth", Account = "probe", Path = path },
        }));
    }

    private static async Task WaitGone(int pid)
    {
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
            await Task.Delay(100);
        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"child {pid} of the hung smbclient still runs");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
