using System.ComponentModel;
using Failover.Monitors.Health;
using Failover.Linux.Processes;

namespace Failover.Monitors.Exec;

/// <summary>
/// Runs a Nagios-style check program (argv, no shell) and judges its exit code by the plugin convention
/// (<see cref="NagiosExitCode"/>); the first line of stdout is the reason. On timeout or cancellation every
/// process of the run is killed (its tree, and any that left it: see <see cref="RunProcesses"/>), so a check
/// that forked a hung child leaves nothing behind.
/// </summary>
/// <remarks>stdin is closed at once (a check that waits for input sees EOF); stderr is drained and dropped;
/// stdout is read up to <see cref="PluginOutput.Cap"/> bytes and the rest discarded.</remarks>
public sealed class ExecProbe : IProbe
{
    private readonly ExecProbeOptions _options;
    private readonly TimeProvider _time;

    public ExecProbe(string name, ExecProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Argv);
        ArgumentNullException.ThrowIfNull(options.Environment);
        if (options.Argv.Count == 0 || !Path.IsPathFullyQualified(options.Argv[0]))
        {
            throw new ArgumentException("argv[0] must be an absolute path", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    private string Program => _options.Argv[0];

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(_options.Argv, _options.Environment, _options.Timeout, PluginOutput.Cap,
                _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return Down($"cannot start {Program}: {e.Message}", started);
        }
        if (output.TimedOut)
            return Down($"{Program} gave no result within {Duration.Format(_options.Timeout)}; killed its process tree", started);

        var reason = NagiosExitCode.Reason(output.ExitCode, PluginOutput.FirstLine(output.Stdout));
        var latency = _time.GetElapsedTime(started);
        return NagiosExitCode.IsHealthy(output.ExitCode) ? ProbeResult.Up(reason, latency) : ProbeResult.Down(reason, latency);
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
