using Failover.Remote.Sync;

namespace Failover.Remote.Tests;

public sealed class SyncScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private static SyncDecision At(DateTimeOffset? masterSince, DateTimeOffset? last, TimeSpan sinceT0) =>
        SyncSchedule.Decide(masterSince, last, Every, Settle, T0 + sinceT0);

    [Fact]
    public void A_backup_never_pushes_even_when_a_push_is_long_overdue() =>
        Assert.Equal(SyncDecision.Idle, At(null, T0 - TimeSpan.FromDays(2), TimeSpan.Zero));

    [Fact]
    public void A_new_master_waits_after_takeover_then_pushes_once()
    {
        Assert.Equal(new SyncDecision(null, T0 + Settle), At(T0, null, TimeSpan.FromSeconds(10)));
        Assert.Equal(new SyncDecision(SyncReason.AfterTakeover, null), At(T0, null, Settle));
        // Pushed at T0+30s: the next is an hour later.
        Assert.Equal(new SyncDecision(null, T0 + Settle + Every), At(T0, T0 + Settle, TimeSpan.FromMinutes(5)));
        Assert.Equal(new SyncDecision(SyncReason.Schedule, null), At(T0, T0 + Settle, Settle + Every));
    }

    [Fact]
    public void A_push_before_the_takeover_settled_does_not_stand_for_the_after_takeover_push()
    {
        // An on-demand push 5 s after becoming MASTER (or one from an earlier mastership).
        Assert.Equal(new SyncDecision(null, T0 + Settle), At(T0, T0 + TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)));
        Assert.Equal(new SyncDecision(SyncReason.AfterTakeover, null), At(T0, T0 - TimeSpan.FromMinutes(10), Settle));
    }

    [Fact]
    public void A_master_of_long_standing_pushes_every_interval_after_the_last_start() =>
        Assert.Equal(new SyncDecision(null, T0 + TimeSpan.FromHours(5) + Every),
            At(T0, T0 + TimeSpan.FromHours(5), TimeSpan.FromHours(5.5)));
}
