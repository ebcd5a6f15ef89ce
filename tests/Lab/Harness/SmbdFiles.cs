using System.Diagnostics;
using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Everything a private smbd needs, in one directory: an smb.conf whose private, lock, state, cache, pid
/// and ncalrpc directories are its own, share <see cref="Share"/> holding <see cref="FileName"/>, and the
/// account <see cref="User"/> in its own tdbsam with a known password, plus smbclient auth files (mode
/// 0600) with the right and a wrong password. Nothing outside the directory is touched. Shared by the
/// lab's <see cref="SmbdServer"/> and tests/Monitors.Tests (linked there).
/// </summary>
public sealed class SmbdFiles
{
    public const string Smbd = "/usr/sbin/smbd";
    public const string Smbpasswd = "/usr/bin/smbpasswd";
    public const string Smbclient = "/usr/bin/smbclient";
    public const string Share = "data";
    public const string FileName = "probe.txt";
    public const string FileContent = "failover share probe\n";

    /// <summary>Samba maps every account to a Unix one; root exists everywhere, so no user is created.</summary>
    public const string User = "root";

    public const string Password = "fxs-Probe-2026";

    /// <param name="bindAddressOnly">False: smbd listens on every address (Debian's default), so a VIP added
    /// later is served too.</param>
    public SmbdFiles(string directory, string address, int port, bool bindAddressOnly = true)
    {
        Directory = directory;
        foreach (var sub in new[] { "private", "lock", "state", "cache", "pid", "ncalrpc", "share" })
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        File.WriteAllText(Path.Combine(directory, "share", FileName), FileContent);
        File.WriteAllText(ConfigPath, $"""
            [global]
              server role = standalone server
              passdb backend = tdbsam:{directory}/private/passdb.tdb
              private dir = {directory}/private
              lock directory = {directory}/lock
              state directory = {directory}/state
              cache directory = {directory}/cache
              pid directory = {directory}/pid
              ncalrpc dir = {directory}/ncalrpc
              binddns dir = {directory}/private
              interfaces = {address}
              bind interfaces only = {(bindAddressOnly ? "yes" : "no")}
              smb ports = {port.ToString(CultureInfo.InvariantCulture)}
              disable netbios = yes
              load printers = no
              printcap name = /dev/null
              disable spoolss = yes
              log level = 1
            [{Share}]
              path = {directory}/share
              read only = yes

            """);
        AddUser();
        AuthFile = WriteAuthFile("smb.auth", Password);
        WrongAuthFile = WriteAuthFile("wrong.auth", "not-" + Password);
    }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "smb.conf");

    /// <summary>username/password of <see cref="User"/>, mode 0600.</summary>
    public string AuthFile { get; }

    /// <summary>The same user with a wrong password, mode 0600.</summary>
    public string WrongAuthFile { get; }

    /// <summary>
    /// smbd in the foreground, logging to stdout, with stdin from /dev/null (through a shell that execs it,
    /// so the process id stays smbd's): in the foreground smbd exits at EOF on a piped stdin, and the lab
    /// closes its processes' stdin at once. Not --no-process-group: smbd signals its whole process group
    /// when it exits, and without a group of its own that group is the test host's.
    /// </summary>
    public IReadOnlyList<string> Argv =>
        ["/bin/sh", "-c", "exec \"$0\" \"$@\" < /dev/null", Smbd, "--foreground", "--debug-stdout", "-s", ConfigPath];

    /// <summary>Why a real smbd cannot run here, or null.</summary>
    public static string? MissingReason() =>
        !File.Exists(Smbd) || !File.Exists(Smbpasswd) ? $"{Smbd} or {Smbpasswd} missing: apt-get install samba"
        : !File.Exists(Smbclient) ? $"{Smbclient} missing: apt-get install smbclient"
        : null;

    private void AddUser()
    {
        var start = new ProcessStartInfo(Smbpasswd, ["-c", ConfigPath, "-a", "-s", User])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var smbpasswd = Process.Start(start) ?? throw new InvalidOperationException("smbpasswd did not start");
        smbpasswd.StandardInput.Write($"{Password}\n{Password}\n");
        smbpasswd.StandardInput.Close();
        var output = smbpasswd.StandardOutput.ReadToEndAsync();
        var errors = smbpasswd.StandardError.ReadToEndAsync();
        if (!smbpasswd.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            smbpasswd.Kill();
            throw new TimeoutException($"smbpasswd -a {User} did not finish within 20 s");
        }
        if (smbpasswd.ExitCode != 0)
            throw new InvalidOperationException($"smbpasswd -a {User} exited {smbpasswd.ExitCode}: {output.Result}{errors.Result}");
    }

    private string WriteAuthFile(string name, string password)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, "");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, $"username = {User}\npassword = {password}\n");
        return path;
    }
}
