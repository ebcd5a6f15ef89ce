using Failover.Control;
using Failover.Ctl.Events;
using Failover.Daemon.Control;
using Failover.Daemon.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Ctl.Tests.Events;

/// <summary>failoverctl events against a control socket served from a real journal.</summary>
public sealed class EventsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("failover-events-").FullName;
    private readonly EventJournal _journal;

    public EventsCommandTests() => _journal = EventJournal.Open(_dir, TimeProvider.System);

    public void Dispose()
    {
        _journal.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Socket => Path.Combine(_dir, "failoverd.sock");

    private ControlServer Serve() => ControlServer.Start(Socket, (request, _) => Task.FromResult(request.Command == "events"
        ? new ControlResponse(true, Events: _journal.Read(request.Since, request.Group, request.AfterSeq)
            .Select(e => new EventReport(e.Seq, e.At, e.Kind, e.Group, e.Text, e.Fields)).ToArray())
        : new ControlResponse(false, "unknown")), NullLogger.Instance);

    private async Task<(int Exit, string Out, string Err)> Ctl(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await CtlCommand.RunAsync(["--socket", Socket, .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Prints_every_event_as_a_line_or_as_json_and_filters_by_group()
    {
        _journal.Append(JournalKinds.Transition, "dns", "INIT -> BACKUP (started)");
        _journal.Append(JournalKinds.Transition, "dhcp", "INIT -> BACKUP (started)");
        _journal.Append(JournalKinds.Admin, null, "admin: something node-wide");
        await using var server = Serve();

        var (exit, text, _) = await Ctl("events");
        Assert.Equal(0, exit);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}  dns         transition   INIT -> BACKUP \(started\)\n", text);

        var (_, json, _) = await Ctl("events", "--json", "--group", "dhcp");
        var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("""{"seq":2,""", lines[0]);
        Assert.Contains("\"group\":null", lines[1]);
    }

    [Fact]
    public async Task Since_leaves_out_older_events()
    {
        _journal.Append(JournalKinds.Daemon, null, "old");
        await using var server = Serve();

        var (exit, text, _) = await Ctl("events", "--since", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));

        Assert.Equal((0, ""), (exit, text));
    }

    [Fact]
    public async Task A_bad_time_is_a_usage_error_and_an_absent_daemon_a_failure()
    {
        var (exit, _, error) = await Ctl("events", "--since", "yesterday");
        Assert.Equal(2, exit);
        Assert.Contains("cannot read --since 'yesterday'", error);
        Assert.Contains("Usage: failoverctl [--socket PATH] events", error);

        (exit, _, error) = await Ctl("events");
        Assert.Equal(1, exit);
        Assert.Contains("failoverd is not running", error);
    }

    [Fact]
    public async Task Follow_prints_new_events_and_rides_out_a_daemon_restart()
    {
        _journal.Append(JournalKinds.Daemon, null, "before");
        var (stdout, stderr) = (new LockedWriter(), new LockedWriter());
        using var stop = new CancellationTokenSource();
        var server = Serve();
        var following = EventsCommand.FollowAsync(Socket, new ControlRequest("events", AfterSeq: 1), json: true, stdout, stderr, stop.Token);

        _journal.Append(JournalKinds.Daemon, null, "second");
        await stdout.WaitForAsync("\"seq\":2,");
        await server.DisposeAsync();
        await stderr.WaitForAsync("still following, waiting for failoverd");
        _journal.Append(JournalKinds.Daemon, null, "while away");
        server = Serve();
        await stderr.WaitForAsync("failoverd answers again");
        await stdout.WaitForAsync("\"seq\":3,");
        _journal.Append(JournalKinds.Daemon, null, "fourth");
        await stdout.WaitForAsync("\"seq\":4,");
        stop.Cancel();

        Assert.Equal(0, await following);
        await server.DisposeAsync();
        Assert.DoesNotContain("before", stdout.ToString());
        Assert.Equal(3, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // each once
    }
}
