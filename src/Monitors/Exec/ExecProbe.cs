using System.ComponentModel;
using System.Diagnostics;
using Failover.Monitors.Health;

namespace Failover.Monitors.Exec;

/// <summary>
/// Runs a Nagios-style check program (argv, no shell) and judges its exit code by the plugin convention
/// (<see cref="NagiosExitCode"/>); the first line of stdout is the reason. On timeout or cancellation the
/// whole process tree is killed, so a check that forked a hung child leaves nothing behind.
/// </summary>
/// <remarks>stdin is closed at once (a check that waits for input sees EOF); stderr is drained and dropped;
/// stdout is read up to <see cref="PluginOutput.Cap"/> bytes and the rest discarded.</remarks>
public sealed class ExecProbe : IProbe
{
    /// <summary>How long to wait for stdout's EOF after the process has exited or been killed: a
    /// grandchild that escaped the kill may hold the pipe open forever.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);

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
        using var process = new Process { StartInfo = StartInfo() };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return Down($"cannot start {Program}: {e.Message}", started);
        }

        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var stdout = PluginOutput.ReadCappedAsync(process.StandardOutput.BaseStream, drain.Token);
        var stderr = PluginOutput.ReadCappedAsync(process.StandardError.BaseStream, drain.Token);

        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            drain.Cancel();
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return Down($"{Program} gave no result within {Duration.Format(_options.Timeout)}; killed its process tree", started);
        }

        var output = await CollectAsync(stdout, drain).ConfigureAwait(false);
        drain.Cancel();
        await stderr.ConfigureAwait(false);
        var code = process.ExitCode;
        var reason = NagiosExitCode.Reason(code, PluginOutput.FirstLine(output));
        var latency = _time.GetElapsedTime(started);
        return NagiosExitCode.IsHealthy(code) ? ProbeResult.Up(reason, latency) : ProbeResult.Down(reason, latency);
    }

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _options.Argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _options.Environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    private static async Task<byte[]> CollectAsync(Task<byte[]> stdout, CancellationTokenSource drain)
    {
        drain.CancelAfter(DrainGrace);
        return await stdout.ConfigureAwait(false);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Exited meanwhile: nothing left to kill.
        }
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
