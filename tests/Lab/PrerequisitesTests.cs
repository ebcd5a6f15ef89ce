using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The README's first command on a machine that lacks what it runs: demo.sh (and a bench) find the gap and
/// say, in plain words and before building anything, what they install, and what is still missing if
/// the install does not bring it. The machine is simulated by a mount namespace where ping and ucarp are
/// empty, non-executable files, and by an apt-get that only records what it was asked.
/// </summary>
public sealed class PrerequisitesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("failover-prereq-").FullName;

    [LabTheory]
    [InlineData("demo.sh", new string[0], "ping (iputils-ping)", "iputils-ping")]
    [InlineData("demo.sh", new[] { "--ucarp" }, "ping (iputils-ping), ucarp (ucarp)", "iputils-ping ucarp")]
    [InlineData("bench/failover-time", new string[0], "ping (iputils-ping), ucarp (ucarp)", "iputils-ping ucarp")]
    public void A_script_without_its_programs_says_what_it_installs_before_any_build(
        string script, string[] args, string missing, string packages)
    {
        var aptLog = Path.Combine(_work, "apt-get.log");
        var aptGet = Path.Combine(_work, "apt-get");
        File.WriteAllText(aptGet, $"#!/bin/sh\necho \"$*\" >>{aptLog}\n");
        File.SetUnixFileMode(aptGet, (UnixFileMode)0b111_101_101);
        var nothing = Path.Combine(_work, "nothing");
        File.WriteAllText(nothing, "");
        var hide = string.Join("; ", new[] { "/usr/bin/ping", "/usr/sbin/ucarp" }.Select(p => $"mount --bind {nothing} {p}"));

        // unshare --mount: the bind mounts exist only for this shell and the script it execs.
        var result = Command.Run("/usr/bin/unshare",
            ["--mount", "--propagation", "private", "/bin/bash", "-c", $"{hide}; exec \"$0\" \"$@\"",
             "/usr/bin/env", $"FAILOVER_APT_GET={aptGet}", "/bin/bash", Path.Combine(BuildOutput.RepositoryRoot(), script), .. args],
            TimeSpan.FromSeconds(60));
        output.WriteLine(result.StdOut);
        output.WriteLine(result.StdErr);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"installing what is missing: {missing}", result.StdOut);
        Assert.Contains($"install -y -qq --no-install-recommends {packages}", File.ReadAllLines(aptLog));
        Assert.Contains($"still missing after apt-get install: {missing}", result.StdErr);
        Assert.DoesNotContain("building", result.StdOut + result.StdErr);
        Assert.DoesNotContain("== network", result.StdOut);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
