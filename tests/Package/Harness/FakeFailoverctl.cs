using System.Text.Json;
using Failover.Control;
using Failover.Ctl;

namespace Failover.Package.Tests.Harness;

/// <summary>
/// A failoverctl on PATH for the bash completion: it prints the real usage text for --help and a given status
/// report, serialized as failoverctl does, for status --json (no report: failoverd unreachable, exit 1); it
/// logs its arguments.
/// </summary>
public sealed class FakeFailoverctl : IDisposable
{
    private static readonly ControlJson IndentedJson = new(new JsonSerializerOptions(ControlJson.Default.Options) { WriteIndented = true });

    private readonly string _dir = Directory.CreateTempSubdirectory("failover-completion.").FullName;

    public FakeFailoverctl(StatusReport? status, string extraUsage = "")
    {
        var usage = new StringWriter();
        Assert.Equal(0, CtlCommand.RunAsync(["--help"], usage, usage).GetAwaiter().GetResult());
        File.WriteAllText(Path.Combine(_dir, "usage"), usage + extraUsage);
        if (status is not null)
            File.WriteAllText(Path.Combine(_dir, "status.json"), JsonSerializer.Serialize(status, IndentedJson.StatusReport) + "\n");
        var script = Path.Combine(_dir, "failoverctl");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            printf '%s\n' "$*" >>'{{_dir}}/calls'
            case "$*" in
              --help) cat '{{_dir}}/usage' ;;
              *"status --json") cat '{{_dir}}/status.json' 2>/dev/null || { echo 'failoverctl: failoverd is not running' >&2; exit 1; } ;;
              *) exit 2 ;;
            esac
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Every command line the completion ran failoverctl with.</summary>
    public IReadOnlyList<string> Calls =>
        File.Exists(Path.Combine(_dir, "calls")) ? File.ReadAllLines(Path.Combine(_dir, "calls")) : [];

    /// <summary>
    /// What the completion offers for <paramref name="line"/>, the command line up to the cursor (a trailing
    /// space starts a new word), sorted.
    /// </summary>
    public IReadOnlyList<string> Complete(string completionFile, string line)
    {
        var words = line.Split(' ');
        var array = string.Join(' ', words.Select(w => $"'{w}'"));
        var result = HostCommand.Run("/bin/bash",
            ["-c", $"source '{completionFile}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; _failoverctl; printf '%s\\n' \"${{COMPREPLY[@]}}\""],
            environment: new Dictionary<string, string> { ["PATH"] = $"{_dir}:{Environment.GetEnvironmentVariable("PATH")}" });
        Assert.True(result.Succeeded, result.ToString());
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
