using Failover.Monitors.Drbd;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdKernelLogTests
{
    /// <summary>The real /dev/kmsg, read only (nothing is written to the host's log): one record per read, a
    /// character device that is not seekable the usual way. Passes vacuously where it is not readable.</summary>
    [Fact]
    public async Task Reads_dev_kmsg_records_where_allowed()
    {
        try
        {
            using var probe = File.OpenRead("/dev/kmsg");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        using var log = new DrbdKernelLog("/dev/kmsg", new DrbdSplitBrainFlags());
        log.Start();
        for (var i = 0; i < 100 && log.LinesRead == 0; i++) await Task.Delay(50);
        Assert.True(log.LinesRead > 0, "no record read from /dev/kmsg");
        Assert.Null(log.Problem);
    }

    [Fact]
    public async Task Follows_a_file_as_it_grows_and_flags_each_split_brain_once_seen()
    {
        var dir = Directory.CreateTempSubdirectory("drbd-kmsg-");
        try
        {
            var path = Path.Combine(dir.FullName, "kern.log");
            File.WriteAllText(path, "[  141.442715] block drbd0: helper command: /sbin/drbdadm split-brain minor-0\n");
            var flags = new DrbdSplitBrainFlags();
            var seen = 0;
            using var log = new DrbdKernelLog(path, flags);
            log.SplitBrainSeen += () => Interlocked.Increment(ref seen);
            log.Start();
            for (var i = 0; i < 200 && Volatile.Read(ref seen) == 0; i++) await Task.Delay(25);
            Assert.Equal(1, Volatile.Read(ref seen));

            File.AppendAllText(path, "kernel: block drbd2: Split-Brain detected, drop");
            await Task.Delay(400);
            Assert.Equal(1, Volatile.Read(ref seen)); // half a line is not a line yet
            File.AppendAllText(path, "ping connection!\n");
            for (var i = 0; i < 200 && Volatile.Read(ref seen) == 1; i++) await Task.Delay(25);
            Assert.Equal(2, Volatile.Read(ref seen));

            DrbdResourceState[] states = [new() { Minor = 0, ConnectionState = "StandAlone" }, new() { Minor = 2, ConnectionState = "StandAlone" }];
            Assert.Equal([true, true], flags.Apply(states, flags.Ticket).Select(s => s.SplitBrain));
            Assert.Equal(2, log.LinesRead);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
