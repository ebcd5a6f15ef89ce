using Failover.Carp.StateMachine;

namespace Failover.Carp.Tests.StateMachine;

public sealed class CarpDecisionTests
{
    [Fact]
    public void None_and_default_have_an_empty_list_not_null()
    {
        Assert.Empty(CarpDecision.None.Outputs);
        Assert.Empty(default(CarpDecision).Outputs);
        Assert.True(default(CarpDecision).IsEmpty);
    }

    [Fact]
    public void Keeps_the_order_it_was_given()
    {
        var decision = new CarpDecision([new SendGratuitousArp("b"), new SendAdvertisement(new CarpTiming(1, 0))]);

        Assert.IsType<SendGratuitousArp>(decision.Outputs[0]);
        Assert.IsType<SendAdvertisement>(decision.Outputs[1]);
        Assert.False(decision.IsEmpty);
        Assert.Equal("[SendGratuitousArp { Reason = b }, SendAdvertisement { Timing = advbase 1 advskew 0 }]", decision.ToString());
    }
}
