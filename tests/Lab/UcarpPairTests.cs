using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The pair scenarios with the real ucarp on both nodes: they prove the harness against the reference
/// implementation before failoverd exists.
/// </summary>
/// <remarks>
/// ucarp reads adverts through libpcap without immediate mode, so an advert can reach it up to about a
/// second late. Started together, the backup's master-down timer (3 s + 50/256 s) can run out before
/// the master's first advert arrives: both are master for a moment, then the worse one steps back.
/// And a backup checks its timer only when its 1 s (advbase + advskew/256) poll ends, so n1's 3 s can
/// become 4 s and n2's 3.6 s win the first election.
/// </remarks>
public sealed class UcarpPairTests(ITestOutputHelper output) : CarpPairScenarios(output)
{
    protected override ICarpNode Start(NetLab lab, LabNode node, LabGroup group) => UcarpNode.Start(lab, node, group);

    protected override Task<LabLine> WaitForRejectedAdvert(ICarpNode node, TimeSpan timeout) =>
        ((UcarpNode)node).WaitForBadDigest(timeout);
}
