using System.Text.Json;
using System.Text.RegularExpressions;
using Failover.Carp;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// failoverd from this repository's build output in a lab node, with a config written for one group.
/// Its state changes are read from log lines <c>group web: BACKUP -> MASTER (reason)</c>, and
/// <see cref="Status"/> asks <c>failoverctl status --json</c>.
/// </summary>
public sealed class FailoverdNode : ICarpNode
{
    private readonly NetLab lab;
    private readonly CarpStateLog states;

    private FailoverdNode(NetLab lab, LabNode node, LabGroup group, LabProcess process, string configPath, string socketPath)
    {
        this.lab = lab;
        Node = node;
        Group = group;
        Process = process;
        ConfigPath = configPath;
        SocketPath = socketPath;
        states = new CarpStateLog(
            process, new Regex($@"group {Regex.Escape(group.Name)}: [A-Z]+ -> (?<state>[A-Z]+)\b"));
    }

    public LabNode Node { get; }

    public LabGroup Group { get; }

    public LabProcess Process { get; }

    public string ConfigPath { get; }

    public string SocketPath { get; }

    public CarpState? State => states.Current;

    /// <summary>
    /// Writes <c>{node}.yaml</c> (socket <c>{node}.sock</c>, state_dir <c>{node}-state</c>, all in the lab's
    /// work directory) and starts <c>failoverd --config</c> on it (binary: $FAILOVERD or the build output).
    /// </summary>
    public static FailoverdNode Start(NetLab lab, LabNode node, LabGroup group) => Start(lab, node, [group]);

    /// <summary>One daemon serving several groups; <see cref="Group"/> and <see cref="State"/> follow the first.</summary>
    public static FailoverdNode Start(NetLab lab, LabNode node, IReadOnlyList<LabGroup> groups, LabLinkDelays? link = null) =>
        Start(lab, node, groups[0], (socket, stateDirectory) => FailoverdConfig.Render(node.Name, socket, stateDirectory, groups, link));

    /// <summary>
    /// failoverd on a config the caller renders (a shipped template adapted to the lab, say) from the control
    /// socket and state_dir it must use; <paramref name="watched"/> names the group (and VIP) whose state and
    /// VIP <see cref="State"/> and <see cref="HoldsVip"/> follow.
    /// </summary>
    public static FailoverdNode Start(NetLab lab, LabNode node, LabGroup watched, Func<string, string, string> renderConfig)
    {
        var failoverd = BuildOutput.Find("failoverd", "src/Daemon", "FAILOVERD");
        var socket = Path.Combine(lab.WorkDirectory, $"{node.Name}.sock");
        var stateDirectory = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"{node.Name}-state")).FullName;
        var config = lab.WriteFile($"{node.Name}.yaml", renderConfig(socket, stateDirectory));
        var process = lab.Start(node, [failoverd, "--config", config]);
        return new FailoverdNode(lab, node, watched, process, config, socket);
    }

    public Task<LabLine> WaitForState(CarpState state, TimeSpan timeout, int startAt = 0) =>
        states.WaitFor(state, timeout, startAt);

    public bool HoldsVip() => lab.HasAddress(Node, Group.Vip);

    /// <summary><c>failoverctl --socket SOCK status --json</c> ($FAILOVERCTL or the build output), parsed.</summary>
    public JsonDocument Status()
    {
        var failoverctl = BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL");
        var result = lab.Exec(Node, failoverctl, "--socket", SocketPath, "status", "--json");
        return result.Succeeded
            ? JsonDocument.Parse(result.StdOut)
            : throw new InvalidOperationException($"failoverctl status exited {result.ExitCode}: {result.StdErr.Trim()}");
    }

    public Task Stop() => Process.Stop();

    /// <summary>Runs <c>failoverctl --socket SOCK ARGS…</c> in the node (as root).</summary>
    public ExecResult Ctl(params string[] args) =>
        lab.Exec(Node, [BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL"), "--socket", SocketPath, .. args]);
}
