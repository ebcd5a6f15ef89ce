using Failover.Daemon.Runtime;
using Failover.Remote;

namespace Failover.Daemon.Tests.SplitBrain;

/// <summary>Records each command of one node (local or the peer's) and answers with a scripted result.</summary>
internal sealed class FakeCommands(string target, List<string> journal) : ILocalCommands, IRemoteRunner
{
    public string Target => target;

    /// <summary>A command (argv joined by spaces) that fails with this exit code and stderr.</summary>
    public Dictionary<string, (int Exit, string Stderr)> Failures { get; } = [];

    public Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = string.Join(' ', argv);
        lock (journal)
            journal.Add($"{target}: {line}");
        return Task.FromResult(Failures.TryGetValue(line, out var f)
            ? new RemoteResult(f.Exit, "", f.Stderr, false, TimeSpan.FromMilliseconds(3))
            : new RemoteResult(0, $"{argv[^1]} done", "", false, TimeSpan.FromMilliseconds(2)));
    }
}
