using System.IO.Compression;
using System.Text;
using Failover.Package.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Package.Tests;

/// <summary>The package installed with dpkg: where its files are, and that what it installs runs.</summary>
[Collection(PackageCollection.Name)]
public sealed class InstallTests(BuiltPackages packages, ITestOutputHelper output)
{
    private const string Unit = "/usr/lib/systemd/system/failoverd.service";
    private const string Completion = "/usr/share/bash-completion/completions/failoverctl";

    [PackageFact]
    public void Installed_package_lays_out_its_files_and_its_programs_run()
    {
        output.WriteLine(packages.Log);
        using var trial = new PackageTrial();
        output.WriteLine(Dpkg.Install(packages.First).StdOut);

        Assert.Equal("ii", Dpkg.Status());
        Assert.Equal(BuiltPackages.FirstVersion, Dpkg.Version());
        Assert.Equal([PackageTrial.Conffile], Dpkg.Conffiles());

        // Two NativeAOT executables on PATH and nothing of a .NET runtime: no managed assemblies, no runtime libraries.
        var executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        foreach (var program in new[] { "/usr/bin/failoverd", "/usr/bin/failoverctl" })
        {
            Assert.Null(new FileInfo(program).LinkTarget);
            Assert.Equal(executable, File.GetUnixFileMode(program));
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(program)[..4]);
        }
        Assert.False(Directory.Exists("/usr/lib/failover"), "a native package has no runtime directory");
        var listed = HostCommand.RunChecked("/usr/bin/dpkg-query", ["-L", "failover"]).StdOut.Split('\n');
        Assert.DoesNotContain(listed, path => path.EndsWith(".dll") || path.EndsWith(".so") || path.EndsWith(".dbg") || path.EndsWith(".pdb"));
        var plain = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(plain, File.GetUnixFileMode(PackageTrial.Conffile));

        // The group that may use the control socket: a system group (gid below 1000).
        var group = HostCommand.RunChecked("/usr/bin/getent", ["group", PackageTrial.Group]).StdOut.Split(':');
        Assert.InRange(int.Parse(group[2]), 1, 999);

        Assert.Contains("ExecStart=/usr/bin/failoverd --config /etc/failover/failover.yaml", File.ReadAllLines(Unit));
        Assert.True(File.Exists("/usr/share/doc/failover/copyright"));
        Assert.Contains($"failover ({BuiltPackages.FirstVersion})", Gunzip("/usr/share/doc/failover/changelog.gz"));
        Assert.True(File.Exists("/usr/share/doc/failover/examples/samba-ldap-drbd-pair.yaml"));
    }

    [PackageFact]
    public void Installed_programs_check_the_shipped_config_and_print_their_usage()
    {
        using var trial = new PackageTrial();
        Dpkg.Install(packages.First);

        var check = HostCommand.Run("failoverd", ["--check-config", PackageTrial.Conffile]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal($"{PackageTrial.Conffile}: OK (1 group)", check.StdOut.Trim());

        // A broken copy: every error as FILE:LINE:COL, exit 78 (EX_CONFIG).
        var broken = Path.Combine(Directory.CreateTempSubdirectory("failover-pkgtest.").FullName, "broken.yaml");
        var lines = File.ReadAllLines(PackageTrial.Conffile);
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith("vhid: 1 ", StringComparison.Ordinal));
        Assert.True(at >= 0, "the shipped config has no 'vhid: 1' line");
        lines[at] = lines[at].Replace("vhid: 1 ", "vhid: 300 ");
        File.WriteAllLines(broken, lines);
        try
        {
            var refused = HostCommand.Run("/usr/bin/failoverd", ["--check-config", broken]);
            Assert.Equal(78, refused.ExitCode);
            Assert.Equal($"{broken}:{at + 1}:{lines[at].IndexOf("300", StringComparison.Ordinal) + 1}: vhid must be an integer from 1 to 255",
                refused.StdErr.Trim());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        }

        var help = HostCommand.Run("failoverctl", ["--help"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("Usage: failoverctl [--socket PATH] status [--json]", help.StdOut);
        Assert.StartsWith("failoverd ", HostCommand.RunChecked("failoverd", ["--version"]).StdOut);
        // Without a daemon: exit 1 and a reason, not a crash.
        var status = HostCommand.Run("failoverctl", ["status"]);
        Assert.True(status.ExitCode == 1, status.ToString());
    }

    [PackageFact]
    public void Installed_unit_verifies_and_man_pages_and_completion_load()
    {
        using var trial = new PackageTrial();
        Dpkg.Install(packages.First);

        foreach (var (page, title) in new[] { ("man8/failoverd.8.gz", ".TH FAILOVERD 8"), ("man8/failoverctl.8.gz", ".TH FAILOVERCTL 8"),
                     ("man5/failover.yaml.5.gz", ".TH FAILOVER.YAML 5") })
            Assert.StartsWith(title, Gunzip(Path.Combine("/usr/share/man", page)));
        if (File.Exists("/usr/bin/man"))
            Assert.Equal("/usr/share/man/man8/failoverd.8.gz", HostCommand.RunChecked("/usr/bin/man", ["-w", "8", "failoverd"]).StdOut.Trim());

        // systemd-analyze needs no running systemd; it checks that ExecStart's program exists and the unit parses,
        // and that man:failoverd(8) of Documentation= is there.
        Assert.True(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is missing (apt-get install systemd)");
        // Its man check runs man(1): without man-db it would fail for want of a reader, not of the page.
        var verify = HostCommand.Run("/usr/bin/systemd-analyze", ["verify", $"--man={(File.Exists("/usr/bin/man") ? "yes" : "no")}", Unit]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        output.WriteLine(verify.ToString());

        var complete = HostCommand.Bash($"source {Completion}; complete -p failoverctl").StdOut.Trim();
        Assert.Equal("complete -F _failoverctl failoverctl", complete);
        // The verbs come from the installed failoverctl's --help.
        var words = HostCommand.Bash($"source {Completion}; COMP_WORDS=(failoverctl ta); COMP_CWORD=1; _failoverctl; echo \"${{COMPREPLY[*]}}\"");
        Assert.Equal("takeover", words.StdOut.Trim());
    }

    private static string Gunzip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b, $"{path} is not gzipped");
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
