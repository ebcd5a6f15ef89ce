using Failover.Daemon.Control;

namespace Failover.Daemon.Tests.Control;

public sealed class ControlAuthorizationTests
{
    private const int FailoverGid = 990;

    private static ControlCaller Caller(int uid, int gid, params int[] groups) => new(1234, uid, gid, "someone", groups);

    [Theory]
    [InlineData(0, 0, true)]              // root
    [InlineData(1000, FailoverGid, true)] // primary group failover
    [InlineData(1000, 1000, false)]       // an ordinary user
    public void Root_and_the_failover_group_only(int uid, int gid, bool allowed) =>
        Assert.Equal(allowed, ControlAuthorization.IsAllowed(Caller(uid, gid), FailoverGid));

    [Fact]
    public void A_supplementary_failover_group_is_enough() =>
        Assert.True(ControlAuthorization.IsAllowed(Caller(1000, 1000, 27, FailoverGid), FailoverGid));

    [Fact]
    public void Without_a_failover_group_only_root_is_allowed()
    {
        Assert.True(ControlAuthorization.IsAllowed(Caller(0, 0), failoverGid: null));
        Assert.False(ControlAuthorization.IsAllowed(Caller(1000, 1000, 1000), failoverGid: null));
    }
}
