using System.ComponentModel;
using System.Net;
using System.Text;
using Failover.Monitors.Health;
using Failover.Linux.Processes;

namespace Failover.Monitors.Samba;

/// <summary>
/// Runs the system smbclient once for a <see cref="SambaShareCheck"/> (argv, no shell; credentials only
/// through its <c>-A</c> file) under a deadline that kills its process tree, and judges its output with
/// <see cref="SmbclientOutput"/>.
/// </summary>
internal sealed class SmbclientShareCheck
{
    /// <summary>A root listing of a few hundred entries; failures are printed before any listing.</summary>
    private const int StdoutCap = 16 * 1024;

    /// <summary>The wording <see cref="SmbclientOutput"/> reads is English: keep it so.</summary>
    private static readonly Dictionary<string, string> Environment = new() { ["LC_ALL"] = "C" };

    private readonly SambaShareCheck _check;
    private readonly IPEndPoint _server;
    private readonly TimeProvider _time;

    public SmbclientShareCheck(SambaShareCheck check, IPEndPoint server, TimeProvider time)
    {
        _check = check;
        _server = server;
        _time = time;
        Argv = [check.Smbclient, $"//{server.Address}/{check.Share}", "-A", check.AuthFile,
            "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", Command(check.Path)];
    }

    public IReadOnlyList<string> Argv { get; }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (smbclient killed).</exception>
    public async Task<ProbeResult> RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(Argv, Environment, timeout, StdoutCap, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return Down($"cannot start {_check.Smbclient}: {e.Message} (apt-get install smbclient)", started);
        }
        if (output.TimedOut)
            return Down($"no answer from {_server} for share {_check.Share} within {Duration.Format(timeout)}; smbclient killed", started);

        var outcome = SmbclientOutput.Parse(output.ExitCode, Encoding.UTF8.GetString(output.Stdout), Encoding.UTF8.GetString(output.Stderr));
        var latency = _time.GetElapsedTime(started);
        return outcome.Succeeded
            ? ProbeResult.Up(ShareCheckReason.Up(outcome, _check, _server), latency)
            : ProbeResult.Down(ShareCheckReason.Down(outcome, _check, _server), latency);
    }

    /// <summary>List the root, or read the file into /dev/null: proves it opens and reads without keeping it.</summary>
    private static string Command(string? path) => path is null ? "ls" : $"get \"{path}\" /dev/null";

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
