using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A long-running program inside a node's namespace, started through <c>ip netns exec</c> (which execs
/// the program, so the process id is the program's own). Every stdout and stderr line is kept, stamped.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process process;
    private readonly Lock gate = new();
    private readonly List<LabLine> lines = [];
    private TaskCompletionSource changed = NewSignal();
    private int openStreams = 2;
    private bool disposed;
    private int? exitCodeAtDispose;

    private LabProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>Node and program, for messages: "n1 ucarp".</summary>
    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => disposed || process.HasExited;

    public int? ExitCode => disposed ? exitCodeAtDispose : process.HasExited ? process.ExitCode : null;

    /// <summary>A snapshot of every line so far.</summary>
    public IReadOnlyList<LabLine> Lines
    {
        get
        {
            lock (gate)
            {
                return lines.ToArray();
            }
        }
    }

    /// <summary>How many lines so far: pass it as <c>startAt</c> to wait only for lines still to come.</summary>
    public int LineCount
    {
        get
        {
            lock (gate)
            {
                return lines.Count;
            }
        }
    }

    internal static LabProcess Start(
        string name, string ip, string netns, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(ip)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "netns", "exec", netns }.Concat(argv))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new LabProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Receive(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => started.Receive(e.Data, isError: true);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// The first line from index <paramref name="startAt"/> on that matches. Throws TimeoutException, or
    /// InvalidOperationException once the process has exited and its output is drained, quoting the output.
    /// </summary>
    public Task<LabLine> WaitForLine(Regex pattern, TimeSpan timeout, int startAt = 0) =>
        WaitForLine(pattern.IsMatch, $"a line matching /{pattern}/", timeout, startAt);

    /// <summary>As above, with any test of the line's text; <paramref name="description"/> names it in errors.</summary>
    public async Task<LabLine> WaitForLine(Func<string, bool> match, string description, TimeSpan timeout, int startAt = 0)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var next = startAt;
        while (true)
        {
            Task signal;
            bool ended;
            lock (gate)
            {
                for (; next < lines.Count; next++)
                {
                    if (match(lines[next].Text))
                    {
                        return lines[next];
                    }
                }

                ended = openStreams == 0;
                signal = changed.Task;
            }

            if (ended)
            {
                throw new InvalidOperationException(
                    $"{Name} ended (exit {ExitCodeText()}) without {description}\n{Tail(40)}");
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{Name}: no {description} within {timeout.TotalSeconds:0.#} s\n{Tail(40)}");
            }

            await Task.WhenAny(signal, Task.Delay(remaining));
        }
    }

    /// <summary>SIGTERM, then SIGKILL (with its children) if it has not exited within the grace time.</summary>
    public async Task Stop(TimeSpan? grace = null)
    {
        if (HasExited)
        {
            return;
        }

        _ = Libc.Kill(process.Id, Libc.SigTerm);
        using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL to the process and its children (up/down scripts a daemon spawned).</summary>
    public void Kill()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped.
        }
    }

    /// <summary>The last lines, one per row, for failure messages and test logs.</summary>
    public string Tail(int count)
    {
        var snapshot = Lines;
        var shown = snapshot.Skip(Math.Max(0, snapshot.Count - count)).Select(l => $"  {Name} | {l}");
        var omitted = snapshot.Count > count ? $"  ({snapshot.Count - count} earlier lines omitted)\n" : "";
        return omitted + string.Join('\n', shown);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Kill();
        exitCodeAtDispose = ExitCode;
        disposed = true;
        process.Dispose();
    }

    private void Receive(string? text, bool isError)
    {
        lock (gate)
        {
            if (text is null)
            {
                openStreams--;
            }
            else
            {
                lines.Add(new LabLine(lines.Count, DateTimeOffset.UtcNow, isError, text));
            }

            var fired = changed;
            changed = NewSignal();
            fired.TrySetResult();
        }
    }

    private string ExitCodeText()
    {
        if (!disposed)
        {
            process.WaitForExit(TimeSpan.FromSeconds(1));
        }

        return ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
