using Failover.Monitors.Health;
using Failover.Rules.Facts;

namespace Failover.Daemon.Tests.Runtime;

internal static class GroupFactsProbe
{
    public static GroupFacts WithProbe(this GroupFacts facts, string name, ServiceHealth health) =>
        facts with { Probes = facts.Probes.SetItem(name, new ProbeFact("exec", health, "as the test says")) };
}
