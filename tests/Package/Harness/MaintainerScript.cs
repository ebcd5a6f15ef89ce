namespace Failover.Package.Tests.Harness;

/// <summary>What the machine looks like to a maintainer script run by <see cref="MaintainerScript.Run"/>.</summary>
/// <param name="Systemd">/run/systemd/system exists (systemd is PID 1).</param>
/// <param name="UnitActive">systemctl is-active failoverd.service succeeds.</param>
/// <param name="ConfigValid">failoverd --check-config exits 0 (else 78 with one error line).</param>
/// <param name="GroupExists">getent group failover succeeds.</param>
public sealed record ScriptMachine(bool Systemd = true, bool UnitActive = false, bool ConfigValid = true, bool GroupExists = false);

/// <summary>How a maintainer script ended, every program it called (argv, one line each) and whether the state dir survived.</summary>
public sealed record ScriptRun(CommandResult Result, IReadOnlyList<string> Calls, bool StateLeft);

/// <summary>
/// Runs one of packaging/deb's maintainer scripts as dpkg would, but in a private mount namespace whose /run and
/// /var/lib are empty tmpfs (with /run/systemd/system when systemd is to seem running), with systemctl,
/// deb-systemd-helper, deb-systemd-invoke, getent, addgroup and failoverd replaced by fakes that log their
/// arguments. Nothing the script does reaches the host.
/// </summary>
public static class MaintainerScript
{
    private static readonly string[] Faked = ["systemctl", "deb-systemd-helper", "deb-systemd-invoke", "getent", "addgroup", "failoverd"];

    public static ScriptRun Run(string script, ScriptMachine machine, params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("failover-maint.").FullName;
        try
        {
            var bin = Path.Combine(dir, "bin");
            Directory.CreateDirectory(bin);
            var log = Path.Combine(dir, "calls");
            foreach (var program in Faked)
            {
                var behaviour = program switch
                {
                    "systemctl" => $"[ \"$1\" = --quiet ] && [ \"$2\" = is-active ] && exit {(machine.UnitActive ? 0 : 3)}",
                    "getent" => $"exit {(machine.GroupExists ? 0 : 2)}",
                    "failoverd" => machine.ConfigValid ? "echo \"$2: OK (1 group)\"" : "echo \"$2:3:11: vhid must be an integer from 1 to 255\" >&2; exit 78",
                    _ => "",
                };
                var fake = Path.Combine(bin, program);
                File.WriteAllText(fake, $"#!/bin/sh\necho \"{program} $*\" >>'{log}'\n{behaviour}\nexit 0\n");
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var path = Path.Combine(RepositoryRoot.Find(), "packaging", "deb", script);

            var driver = $"""
                set -e
                mount -t tmpfs tmpfs /run
                mount -t tmpfs tmpfs /var/lib
                {(machine.Systemd ? "mkdir -p /run/systemd/system" : "")}
                mkdir -p /var/lib/failover/spool && touch /var/lib/failover/spool/marker
                status=0
                PATH='{bin}':/usr/sbin:/usr/bin:/sbin:/bin sh '{path}' "$@" || status=$?
                if [ -e /var/lib/failover/spool/marker ]; then echo STATE-LEFT >>'{dir}/state'; fi
                exit $status
                """;
            var result = HostCommand.Run("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c", driver, "driver", .. args]);
            var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
            return new ScriptRun(result, calls, File.Exists(Path.Combine(dir, "state")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
