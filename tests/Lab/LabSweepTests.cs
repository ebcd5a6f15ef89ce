using Failover.Lab.Tests.Harness;

namespace Failover.Lab.Tests;

public sealed class LabSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("fl3fa9c1-br", "fl3fa9c1")]
    [InlineData("fl3fa9c1-client", "fl3fa9c1")]
    [InlineData("fldemo-n1", null)]
    [InlineData("fl3fa9c-br", null)]
    [InlineData("xfl3fa9c1-br", null)]
    [InlineData("fom-a", null)]
    public void Only_names_this_harness_makes_have_a_prefix(string name, string? prefix) =>
        Assert.Equal(prefix, LabSweep.PrefixOf(name));

    [Fact]
    public void Namespaces_of_a_dead_owner_are_stale_once_a_minute_old()
    {
        var namespaces = new[]
        {
            ("fl000001-br", Now.AddMinutes(-5)),   // owner dead, old: stale
            ("fl000001-n1", Now.AddMinutes(-5)),   // same lab
            ("fl000002-br", Now.AddMinutes(-5)),   // owner alive: kept, however old
            ("fl000003-br", Now.AddSeconds(-10)),  // owner dead but young: maybe still being set up
            ("fom-a", Now.AddHours(-1)),           // someone else's
        };

        var stale = LabSweep.Stale(namespaces, prefix => prefix == "fl000002", Now);

        Assert.Equal(["fl000001-br", "fl000001-n1"], stale);
    }
}
