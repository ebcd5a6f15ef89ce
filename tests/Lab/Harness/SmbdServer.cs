using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A real smbd in a lab node, on the node's address and port 445, with its files (<see cref="SmbdFiles"/>)
/// in the lab's work directory. It can be stopped and started again, or frozen (SIGSTOP: the kernel still
/// accepts connections, nobody answers) and thawed. The lab kills it when disposed, frozen or not.
/// </summary>
public sealed class SmbdServer
{
    public const int Port = 445;
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(20);

    private readonly NetLab lab;
    private LabProcess? process;

    private SmbdServer(NetLab lab, LabNode node, SmbdFiles files)
    {
        this.lab = lab;
        Node = node;
        Files = files;
    }

    public LabNode Node { get; }

    public SmbdFiles Files { get; }

    /// <summary>Writes the files and starts smbd; returns once port 445 listens.</summary>
    public static async Task<SmbdServer> Start(NetLab lab, LabNode node)
    {
        if (SmbdFiles.MissingReason() is { } missing)
        {
            throw new InvalidOperationException($"lab tests need smbd: {missing}");
        }

        var directory = Path.Combine(lab.WorkDirectory, $"smbd-{node.Name}");
        var server = new SmbdServer(lab, node, new SmbdFiles(directory, node.Address.ToString(), Port));
        await server.Start();
        return server;
    }

    /// <summary>Starts smbd (again, after <see cref="Stop"/>) and waits until port 445 listens.</summary>
    public async Task Start()
    {
        process = lab.Start(Node, Files.Argv);
        var ss = LabTool.Require("ss", "iproute2");
        var deadline = DateTimeOffset.UtcNow + ListenTimeout;
        while (!Listening(ss))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smbd exited ({process.ExitCode}) before listening\n{process.Tail(30)}");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"smbd did not listen on {Node.Address}:{Port} within {ListenTimeout.TotalSeconds:0} s\n{process.Tail(30)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGTERM (smbd takes its children with it), SIGKILL after the grace time.</summary>
    public Task Stop() => Running.Stop();

    public void Freeze() => Signal(Libc.SigStop);

    public void Thaw() => Signal(Libc.SigCont);

    private LabProcess Running => process ?? throw new InvalidOperationException("smbd was never started");

    private bool Listening(string ss) =>
        lab.Exec(Node, ss, "-Hltn", $"sport = :{Port.ToString(CultureInfo.InvariantCulture)}").StdOut.Trim().Length > 0;

    private void Signal(int signal)
    {
        if (Libc.Kill(Running.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({Running.Id}, {signal}) failed");
        }
    }
}
