using System.Text.RegularExpressions;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>The pair scenarios with failoverd on both nodes.</summary>
public sealed class FailoverdPairTests(ITestOutputHelper output) : CarpPairScenarios(output)
{
    protected override ICarpNode Start(NetLab lab, LabNode node, LabGroup group) => FailoverdNode.Start(lab, node, group);

    protected override Task<LabLine> WaitForRejectedAdvert(ICarpNode node, TimeSpan timeout) =>
        FailoverdLog.WaitForBadHmac(node, timeout);
}

/// <summary>failoverd on n1 (advskew 0: the preferred master) and the real ucarp on n2 (advskew 50).</summary>
public sealed class FailoverdMasterUcarpBackupTests(ITestOutputHelper output) : CarpPairScenarios(output)
{
    protected override ICarpNode Start(NetLab lab, LabNode node, LabGroup group) =>
        node.Name == "n1" ? FailoverdNode.Start(lab, node, group) : UcarpNode.Start(lab, node, group);

    protected override Task<LabLine> WaitForRejectedAdvert(ICarpNode node, TimeSpan timeout) =>
        node is UcarpNode ucarp ? ucarp.WaitForBadDigest(timeout) : FailoverdLog.WaitForBadHmac(node, timeout);
}

/// <summary>The real ucarp on n1 (advskew 0: the preferred master) and failoverd on n2 (advskew 50).</summary>
public sealed class UcarpMasterFailoverdBackupTests(ITestOutputHelper output) : CarpPairScenarios(output)
{
    protected override ICarpNode Start(NetLab lab, LabNode node, LabGroup group) =>
        node.Name == "n1" ? UcarpNode.Start(lab, node, group) : FailoverdNode.Start(lab, node, group);

    protected override Task<LabLine> WaitForRejectedAdvert(ICarpNode node, TimeSpan timeout) =>
        node is UcarpNode ucarp ? ucarp.WaitForBadDigest(timeout) : FailoverdLog.WaitForBadHmac(node, timeout);
}

internal static class FailoverdLog
{
    public static Task<LabLine> WaitForBadHmac(ICarpNode node, TimeSpan timeout) =>
        node.Process.WaitForLine(new Regex($@"group {Regex.Escape(node.Group.Name)}: rejected advert from \S+: bad HMAC"), timeout);
}
