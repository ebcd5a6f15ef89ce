using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>A backup that hears nothing for the dead interval takes over.</summary>
public sealed class MasterDownTests
{
    [Fact]
    public void Dead_interval_is_three_advbase_plus_one_skew_truncated_to_microseconds()
    {
        var machine = Backup();

        // 3 × 1 s + 50/256 s = 3.1953125 s; TimeSpan.FromMicroseconds truncates to 3.195312 s.
        Assert.Equal(StartedAt + Seconds(3, 195_312), machine.NextDeadline);
    }

    [Fact]
    public void No_takeover_one_tick_before_the_dead_interval()
    {
        var machine = Backup();

        var decision = machine.OnTimer(StartedAt + Dead - TimeSpan.FromTicks(1));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(StartedAt + Dead, machine.NextDeadline);
    }

    [Fact]
    public void Takeover_exactly_at_the_dead_interval()
    {
        var machine = Backup();

        var decision = machine.OnTimer(StartedAt + Seconds(3, 195_312));

        Assert.Equal(
            [
                new BecomeMaster("no advertisement for 3.195312 s"),
                new SendAdvertisement(OurTiming),
                new SendGratuitousArp("takeover"),
            ],
            decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Takeover_schedules_the_next_advert_one_interval_later()
    {
        var machine = Backup();

        machine.OnTimer(MasterSince);

        Assert.Equal(MasterSince + Interval, machine.NextDeadline);
    }

    [Fact]
    public void Takeover_records_us_as_master_and_the_reason()
    {
        var machine = Backup();

        machine.OnTimer(MasterSince);

        Assert.Equal(Ours, machine.LastMasterSeen);
        Assert.Equal("no advertisement for 3.195312 s", machine.LastTransitionReason);
        Assert.Equal(MasterSince, machine.LastTransitionAt);
    }

    [Theory]
    [InlineData(1, 0, 3, 3_000_000)]
    [InlineData(1, 0, 1, 1_000_000)]
    [InlineData(2, 128, 3, 6_500_000)]
    [InlineData(5, 255, 4, 20_996_093)]
    public void Dead_interval_follows_dead_ratio_advbase_and_advskew(byte advbase, byte advskew, int deadRatio, long micros)
    {
        var machine = Backup(Settings(timing: new CarpTiming(advbase, advskew), deadRatio: deadRatio));

        Assert.Equal(StartedAt + TimeSpan.FromMicroseconds(micros), machine.NextDeadline);
        Assert.True(machine.OnTimer(StartedAt + TimeSpan.FromMicroseconds(micros - 1)).IsEmpty);
        Assert.Contains(new SendGratuitousArp("takeover"), machine.OnTimer(StartedAt + TimeSpan.FromMicroseconds(micros)).Outputs);
    }
}
