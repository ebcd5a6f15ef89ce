using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A man in the middle of the peer channel (tests/Lab/Sim/peer-relay in a lab node): it forwards every connection to
/// the upstream node both ways and records what the connecting side sent, so a test can replay a genuine session's
/// bytes on a new connection.
/// </summary>
public sealed partial class PeerRelay
{
    private readonly NetLab lab;
    private readonly LabNode node;
    private readonly string upstream;
    private readonly string directory;

    private PeerRelay(NetLab lab, LabNode node, LabProcess process, string upstream, string directory)
    {
        this.lab = lab;
        this.node = node;
        this.upstream = upstream;
        this.directory = directory;
        Process = process;
    }

    public LabProcess Process { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Process.Lines.Count(l => Accepted().IsMatch(l.Text));

    /// <summary>Listens on the node's address and <paramref name="port"/>, forwarding to <paramref name="upstream"/> ("192.0.2.2:7420").</summary>
    public static async Task<PeerRelay> Start(NetLab lab, LabNode node, int port, string upstream)
    {
        var directory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"relay-{node.Name}")).FullName;
        var process = lab.Start(node, [LabTool.Require(SmtpSink.Python, "python3"), Script, "relay", $"{node.Address}:{port}", upstream, directory]);
        await process.WaitForLine(l => l == "READY", "READY from peer-relay", TimeSpan.FromSeconds(15));
        return new PeerRelay(lab, node, process, upstream, directory);
    }

    /// <summary>What the client sent on connection <paramref name="number"/> (1: the first), as recorded so far.</summary>
    public byte[] Recorded(int number)
    {
        var file = Path.Combine(directory, $"client-{number}.bin");
        return File.Exists(file) ? File.ReadAllBytes(file) : [];
    }

    /// <summary>
    /// Opens a new connection from the relay's node to the upstream, sends what connection <paramref name="number"/>'s
    /// client sent, and reports how many bytes came back and how the upstream ended it.
    /// </summary>
    public (int Sent, int Received, string Ended) Replay(int number)
    {
        var result = lab.Exec(node, LabTool.Require(SmtpSink.Python, "python3"), Script, "replay", Path.Combine(directory, $"client-{number}.bin"), upstream);
        if (!result.Succeeded || ReplayReport().Match(result.StdOut) is not { Success: true } m)
            throw new InvalidOperationException($"peer-relay replay exited {result.ExitCode}: {result.StdOut} {result.StdErr}");
        return (int.Parse(m.Groups["sent"].Value), int.Parse(m.Groups["received"].Value), m.Groups["ended"].Value.Trim());
    }

    private static string Script => Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Lab", "Sim", "peer-relay");

    [GeneratedRegex(@"^connection \d+ from ")]
    private static partial Regex Accepted();

    [GeneratedRegex(@"sent (?<sent>\d+)\s+received (?<received>\d+)\s+(?<ended>.+)")]
    private static partial Regex ReplayReport();
}
