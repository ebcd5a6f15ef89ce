using System.Net;
using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>
/// Runs a program directly (no shell). With <see cref="UcarpArgs"/> it gets ucarp's script arguments
/// appended: <c>IFACE VIP [XPARAM]</c>, so existing vip-up.sh / vip-down.sh scripts work unchanged.
/// </summary>
/// <param name="UndoArgv">Run, the same way, when an on_master chain rolls back past this step.</param>
public sealed record ExecStep(IReadOnlyList<string> Argv, bool UcarpArgs, string? Xparam, TimeSpan Timeout,
    IReadOnlyList<string>? UndoArgv = null) : ChainStep(Timeout)
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    public override string Describe() => $"exec {string.Join(' ', Argv)}";

    public override ChainStep? Undo() => UndoArgv is null ? null : new ExecStep(UndoArgv, UcarpArgs, Xparam, Timeout);

    /// <summary>The argv to run for a group on <paramref name="interfaceName"/> whose (first) VIP is <paramref name="vip"/>.</summary>
    public IReadOnlyList<string> CommandLine(string interfaceName, IPAddress vip)
    {
        if (!UcarpArgs)
            return Argv;
        List<string> argv = [.. Argv, interfaceName, vip.ToString()];
        if (Xparam is not null)
            argv.Add(Xparam);
        return argv;
    }
}
