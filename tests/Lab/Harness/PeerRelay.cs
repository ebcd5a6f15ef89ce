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

    /// <summary>Connections accepted so far (a client that came before its upstream listened counts too).</summary>
    public int Connections => Process.Lines.Count(l => Accepted().IsMatch(l.Text));

    /// <summary>The connections relayed now: accepted, upstream reached, not closed.</summary>
    public IReadOnlyList<int> Open()
    {
        var lines = Process.Lines.Select(l => l.Text).ToArray();
        return lines.Select(l => Accepted().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups["n"].Value))
            .Where(n => !lines.Any(l => l.StartsWith($"connection {n} closed", StringComparison.Ordinal) || l.StartsWith($"connection {n}: ", StringComparison.Ordinal)))
            .ToArray();
    }

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
    /// Opens a new connection from the relay's node to the upstream, sends <paramref name="bytes"/> (recorded ones, say),
    /// and reports how many bytes came back within 5 s and how the upstream ended it ("closed by peer").
    /// </summary>
    public (int Sent, int Received, string Ended) Replay(byte[] bytes)
    {
        var file = Path.Combine(directory, $"replay-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(file, bytes);
        var result = lab.Exec(node, LabTool.Require(SmtpSink.Python, "python3"), Script, "replay", file, upstream);
        if (!result.Succeeded || ReplayReport().Match(result.StdOut) is not { Success: true } m)
            throw new InvalidOperationException($"peer-relay replay exited {result.ExitCode}: {result.StdOut} {result.StdErr}");
        return (int.Parse(m.Groups["sent"].Value), int.Parse(m.Groups["received"].Value), m.Groups["ended"].Value.Trim());
    }

    /// <summary>The whole frames of a recorded stream (a peer channel frame is 24 + body length + 32 bytes).</summary>
    public static IReadOnlyList<byte[]> Frames(byte[] stream)
    {
        var frames = new List<byte[]>();
        for (var at = 0; at + 8 <= stream.Length;)
        {
            var length = 24 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(at + 4, 4)) + 32;
            if (at + length > stream.Length)
                break;
            frames.Add(stream[at..(at + length)]);
            at += length;
        }
        return frames;
    }

    private static string Script => Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Lab", "Sim", "peer-relay");

    [GeneratedRegex(@"^connection (?<n>\d+) from ")]
    private static partial Regex Accepted();

    [GeneratedRegex(@"sent (?<sent>\d+)\s+received (?<received>\d+)\s+(?<ended>.+)")]
    private static partial Regex ReplayReport();
}
