using Failover.Daemon;

namespace Failover.Lab.Tests.PeerHost;

/// <summary>
/// The test assembly's own entry point (GenerateProgramFile is off): <c>dotnet Failover.Lab.Tests.dll failoverd-lab
/// --config FILE</c> is the real failoverd with the peer's commands run in the peer's namespace
/// ($FAILOVER_LAB_PEER_NS) by <see cref="NamespacePeerRunner"/>, for the split-brain lab tests. Never shipped.
/// </summary>
public static class LabDaemonEntry
{
    public const string Verb = "failoverd-lab";
    public const string PeerNamespaceVariable = "FAILOVER_LAB_PEER_NS";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Verb, .. var rest])
        {
            Console.Error.WriteLine($"usage: dotnet Failover.Lab.Tests.dll {Verb} --config FILE (with ${PeerNamespaceVariable})");
            return 2;
        }
        var peerNamespace = Environment.GetEnvironmentVariable(PeerNamespaceVariable);
        return await DaemonCommand.RunAsync(rest, Console.Out, Console.Error, config =>
            peerNamespace is { Length: > 0 } && config.Peer is { } peer
                ? new NamespacePeerRunner(peerNamespace, $"{peer.Node} (lab netns {peerNamespace}, not ssh)")
                : null).ConfigureAwait(false);
    }
}
