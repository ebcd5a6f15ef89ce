using Failover.Linux.Processes;
using System.Text;
using Failover.Monitors.Processes;
using Xunit;

namespace Failover.Monitors.Tests.Processes;

public sealed class RunTagTests
{
    [Theory]
    [InlineData("PATH=/bin\0FAILOVER_RUN=ab12\0HOME=/\0", true)]
    [InlineData("FAILOVER_RUN=ab12", true)]                   // last entry without its NUL
    [InlineData("PATH=/bin\0FAILOVER_RUN=ab123\0", false)]    // another run's longer tag
    [InlineData("PATH=/bin\0FAILOVER_RUN=ab1\0", false)]
    [InlineData("XFAILOVER_RUN=ab12\0", false)]
    [InlineData("COMMENT=FAILOVER_RUN=ab12\0", false)]
    [InlineData("", false)]
    public void Carries_matches_whole_entries_only(string environment, bool expected) =>
        Assert.Equal(expected, RunTag.Carries(Encoding.ASCII.GetBytes(environment), "FAILOVER_RUN=ab12"u8));

    [Fact]
    public void Each_run_gets_its_own_tag()
    {
        var one = new RunTag();
        var two = new RunTag();
        Assert.NotEqual(one.Value, two.Value);
        Assert.Equal($"FAILOVER_RUN={one.Value}", Encoding.ASCII.GetString(one.Entry));
    }
}
