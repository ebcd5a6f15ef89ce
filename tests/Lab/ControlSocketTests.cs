using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>Only root and the failover group may drive failoverd.</summary>
public sealed class ControlSocketTests(ITestOutputHelper output)
{
    private static string[] AsNobody(params string[] argv) => ["runuser", "-u", "nobody", "--", .. argv];

    private static string Ctl => BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL");

    [LabFact]
    public async Task A_non_root_caller_is_refused_at_the_socket_and_by_the_daemon()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup());
        await n1.WaitForState(CarpState.Master, TimeSpan.FromSeconds(20));

        // The socket is 0660 root:failover: nobody cannot even connect.
        var denied = lab.Exec(n1.Node, AsNobody(Ctl, "--socket", n1.SocketPath, "status"));
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("permission denied", denied.StdErr);

        // Loosen the file modes by hand: the daemon still checks the caller's kernel credentials.
        File.SetUnixFileMode(lab.WorkDirectory, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(n1.SocketPath, (UnixFileMode)0b110_110_110);
        var refused = lab.Exec(n1.Node, AsNobody(Ctl, "--socket", n1.SocketPath, "release", "web"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("permission denied: nobody (uid 65534", refused.StdErr);
        Assert.Contains("neither root nor in group 'failover'", refused.StdErr);
        Assert.True(n1.HoldsVip(), "a refused release must change nothing");
        await n1.Process.WaitForLine(l => l.Contains("refused nobody"), "the refusal in the log", TimeSpan.FromSeconds(2));

        // Root may, and the log says who did it.
        Assert.True(n1.Ctl("release", "web").Succeeded);
        await n1.Process.WaitForLine(l => l.Contains("admin: release of group web requested by root (uid 0"),
            "who released, in the log", TimeSpan.FromSeconds(2));
    }
}
