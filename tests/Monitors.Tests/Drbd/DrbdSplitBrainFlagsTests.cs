using Failover.Monitors.Drbd;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdSplitBrainFlagsTests
{
    private static DrbdResourceState Minor(int minor, string cs) => new() { Minor = minor, ConnectionState = cs };

    [Fact]
    public void A_flag_marks_its_minor_until_it_is_seen_connected_again()
    {
        var flags = new DrbdSplitBrainFlags();
        flags.Flag(0);
        var states = flags.Apply([Minor(0, "StandAlone"), Minor(1, "Connected")], flags.Ticket);
        Assert.Equal([true, false], states.Select(s => s.SplitBrain));

        Assert.True(flags.Apply([Minor(0, "WFConnection")], flags.Ticket)[0].SplitBrain);
        Assert.False(flags.Apply([Minor(0, "SyncTarget")], flags.Ticket)[0].SplitBrain); // the handshake passed
        Assert.False(flags.Apply([Minor(0, "StandAlone")], flags.Ticket)[0].SplitBrain); // a later disconnect is not one
    }

    [Fact]
    public void States_read_before_the_message_do_not_clear_it()
    {
        var flags = new DrbdSplitBrainFlags();
        var ticket = flags.Ticket; // the run takes its ticket, then reads /proc/drbd ...
        flags.Flag(3);             // ... while the log reports the split brain
        Assert.True(flags.Apply([Minor(3, "Connected")], ticket)[0].SplitBrain);
        Assert.True(flags.Apply([Minor(3, "StandAlone")], flags.Ticket)[0].SplitBrain);
    }

    [Fact]
    public void Without_flags_the_states_pass_unchanged()
    {
        var flags = new DrbdSplitBrainFlags();
        IReadOnlyList<DrbdResourceState> states = [Minor(0, "StandAlone")];
        Assert.Same(states, flags.Apply(states, flags.Ticket));
    }
}
