using Failover.Mail.Spool;

namespace Failover.Mail.Tests.Spool;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(6, 480)]
    [InlineData(7, 600)]
    [InlineData(1000, 600)]
    public void Doubles_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Default.After(failures));

    [Fact]
    public void Zero_failures_is_a_mistake() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Default.After(0));
}
