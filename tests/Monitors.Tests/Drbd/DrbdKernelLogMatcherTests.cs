using Failover.Monitors.Drbd;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdKernelLogMatcherTests
{
    [Theory]
    // 8.3 (protocol 91), syslog with the kernel's timestamp: oss.clusterlabs.org/pipermail/pacemaker/2011-July/011034.html
    [InlineData("Jul 15 08:45:34 node1 kernel: [1536023.079203] block drbd0: Split-Brain detected, dropping connection!", 0)]
    [InlineData("Jul 15 08:45:34 node1 kernel: [1536023.079439] block drbd0: helper command: /sbin/drbdadm split-brain minor-0", 0)]
    // 8.3, drbd-user list: lists.linbit.com/pipermail/drbd-user/2011-January/015463.html
    [InlineData("Jan 23 22:19:35 emlsurit-v4 kernel: [25910.906273] block drbd9: helper command: /sbin/drbdadm split-brain minor-9", 9)]
    [InlineData("Jan 23 22:19:35 emlsurit-v4 kernel: [25910.950821] block drbd9: helper command: /sbin/drbdadm split-brain minor-9 exit code 127 (0x7f00)", 9)]
    // 8.4.0 (the same incident as the proc-8.4.0-splitbrain fixtures)
    [InlineData("Mar  7 15:38:05 node1 kernel: block drbd0: Split-Brain detected but unresolved, dropping connection!", 0)]
    // 8.4.11, dmesg: grimore.org/fuss/drbd
    [InlineData("[  141.442715] block drbd0: helper command: /sbin/drbdadm split-brain minor-0", 0)]
    // hastexo.com "Solve a DRBD split-brain in 4 steps"
    [InlineData("kernel: block drbd0: Split-Brain detected, dropping connection!", 0)]
    // The 8.4.0 line as a /dev/kmsg record (header built by the kmsg format: priority 1 = KERN_ALERT, seq, µs, flags).
    [InlineData("1,4711,1536023079203,-;block drbd0: Split-Brain detected but unresolved, dropping connection!", 0)]
    // 8.0/8.2 printed "drbdN:" without "block" (the 8.2.4 form of the seed's notes).
    [InlineData("drbd1: Split-Brain detected, dropping connection!", 1)]
    public void Finds_the_minor_of_an_unresolved_split_brain(string line, int minor)
    {
        Assert.True(DrbdKernelLogMatcher.TryMatch(line, out var message));
        Assert.Equal(minor, message.Minor);
        Assert.Null(message.Resource);
    }

    [Theory]
    // 9.x, journalctl --dmesg: simplified.guide/drbd/split-brain-recover
    [InlineData("Jun 19 12:40:18 node-a kernel: drbd wwwdata/0 drbd1000: Split-Brain detected, dropping connection!", 1000, "wwwdata", 0)]
    // 9.x peer-device prefix "drbd RESOURCE/VOLUME drbdMINOR PEER:" (built from that form).
    [InlineData("drbd r0/1 drbd7 alpha: Split-Brain detected but unresolved, dropping connection!", 7, "r0", 1)]
    // 9.x resource and connection prefixes, and 8.4's "d-con": no minor.
    [InlineData("drbd r0 alpha: Split-Brain detected, dropping connection!", null, "r0", null)]
    [InlineData("drbd r0: Split-Brain detected, dropping connection!", null, "r0", null)]
    [InlineData("d-con r0: Split-Brain detected, dropping connection!", null, "r0", null)]
    public void Finds_the_resource_of_a_9x_message(string line, int? minor, string resource, int? volume)
    {
        Assert.True(DrbdKernelLogMatcher.TryMatch(line, out var message));
        Assert.Equal(new DrbdSplitBrainMessage(minor, resource, volume), message);
    }

    [Theory]
    // Real lines around a split brain that are not one (pacemaker and drbd-user threads above).
    [InlineData("Jul 15 08:45:34 node1 kernel: [1536023.079200] block drbd0: uuid_compare()=100 by rule 90")]
    [InlineData("Jan 23 22:19:35 emlsurit-v4 kernel: [25910.951129] block drbd9: conn( Disconnecting -> StandAlone ) ")]
    [InlineData("Jul 15 08:45:34 node1 kernel: [1536023.052245] block drbd0: Handshake successful: Agreed network protocol version 91")]
    // Resolved by DRBD's after-sb policies or by --discard-my-data (8.3/8.4 message forms): DRBD resyncs by itself.
    [InlineData("block drbd0: Split-Brain detected, 1 primaries, automatically solved. Sync from this node")]
    [InlineData("block drbd0: Split-Brain detected, manually solved. Sync from peer node")]
    // Runs before the recovery policies are tried, whatever they decide.
    [InlineData("block drbd0: helper command: /sbin/drbdadm initial-split-brain minor-0")]
    [InlineData("block drbd0: helper command: /sbin/drbdadm before-resync-target minor-0")]
    // No device to tie it to (as the DRBD guide quotes it), or a prefix that is not DRBD's.
    [InlineData("Split-Brain detected, dropping connection!")]
    [InlineData("kernel: Split-Brain detected, dropping connection!")]
    [InlineData("kernel: block sda: Split-Brain detected, dropping connection!")]
    [InlineData("block drbd0 Split-Brain detected, dropping connection!")]
    [InlineData("block drbdX: Split-Brain detected, dropping connection!")]
    [InlineData("block drbd01: Split-Brain detected, dropping connection!")]
    [InlineData("drbd r0/x drbd0: Split-Brain detected, dropping connection!")]
    [InlineData("")]
    [InlineData(" SUBSYSTEM=block")]
    public void Ignores_lines_that_are_not_an_unresolved_split_brain(string line)
    {
        Assert.False(DrbdKernelLogMatcher.TryMatch(line, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Null_is_no_match() => Assert.False(DrbdKernelLogMatcher.TryMatch(null, out _));

    [Fact]
    public void Survives_random_and_mutated_lines()
    {
        string[] real =
        [
            "Jul 15 08:45:34 node1 kernel: [1536023.079203] block drbd0: Split-Brain detected, dropping connection!",
            "1,4711,1536023079203,-;block drbd0: Split-Brain detected but unresolved, dropping connection!",
            "Jun 19 12:40:18 node-a kernel: drbd wwwdata/0 drbd1000: Split-Brain detected, dropping connection!",
            "[  141.442715] block drbd0: helper command: /sbin/drbdadm split-brain minor-0",
        ];
        const string alphabet = " \t:;,/-[]().!0123456789drbdblockSplit-Braindetectedhelper command\0\u001b\u00e9";
        var random = new Random(2024);
        for (var i = 0; i < 30000; i++)
        {
            var line = i % 2 == 0
                ? new string(Enumerable.Range(0, random.Next(120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())
                : Mutate(real[random.Next(real.Length)], random);
            if (DrbdKernelLogMatcher.TryMatch(line, out var message))
            {
                Assert.True(message.Minor is null or >= 0, line);
                Assert.True(message.Minor is not null || message.Resource is { Length: > 0 }, line);
                Assert.Contains(message.Minor is null ? message.Resource! : $"drbd{message.Minor}", line);
            }
        }
    }

    private static string Mutate(string line, Random random)
    {
        var chars = line.ToList();
        for (var n = random.Next(1, 4); n > 0 && chars.Count > 0; n--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)random.Next(32, 127)); break;
                default: chars[at] = (char)random.Next(0, 256); break;
            }
        }
        return new string(chars.ToArray());
    }
}
