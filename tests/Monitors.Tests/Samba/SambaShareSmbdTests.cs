using Failover.Lab.Tests.Harness;
using Failover.Monitors.Health;
using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

/// <summary>The share check against a real smbd and the system smbclient.</summary>
public sealed class SambaShareSmbdTests
{
    private static async Task<ProbeResult> ProbeAsync(SmbdServer smbd, string share = SmbdFiles.Share, string? path = null, string? authFile = null)
    {
        var probe = new SambaProbe("smbd", new SambaProbeOptions
        {
            Server = smbd.Endpoint,
            Timeout = TimeSpan.FromSeconds(10),
            Share = new SambaShareCheck { Share = share, AuthFile = authFile ?? smbd.Files.AuthFile, Account = SmbdFiles.User, Path = path },
        });
        return await probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [SmbdFact]
    public async Task A_good_share_is_listed()
    {
        using var smbd = new SmbdServer();
        var result = await ProbeAsync(smbd);
        Assert.True(result.Healthy, result.Reason);
        Assert.Matches($@"^SMB2 dialect [\d.]+ from {smbd.Endpoint}; listed share data on {smbd.Endpoint} as root$", result.Reason);
    }

    [SmbdFact]
    public async Task A_good_file_is_read()
    {
        using var smbd = new SmbdServer();
        var result = await ProbeAsync(smbd, path: SmbdFiles.FileName);
        Assert.True(result.Healthy, result.Reason);
        Assert.EndsWith($"; read probe.txt ({SmbdFiles.FileContent.Length} bytes) from share data on {smbd.Endpoint} as root", result.Reason);
    }

    [SmbdFact]
    public async Task A_missing_share_is_down()
    {
        using var smbd = new SmbdServer();
        var result = await ProbeAsync(smbd, share: "nosuch");
        Assert.Equal((false, $"share nosuch not found on {smbd.Endpoint}"), (result.Healthy, result.Reason));
    }

    [SmbdFact]
    public async Task A_wrong_password_is_down()
    {
        using var smbd = new SmbdServer();
        var result = await ProbeAsync(smbd, authFile: smbd.Files.WrongAuthFile);
        Assert.Equal((false, $"logon to {smbd.Endpoint} as root refused: wrong user or password"), (result.Healthy, result.Reason));
    }

    [SmbdFact]
    public async Task A_missing_file_is_down()
    {
        using var smbd = new SmbdServer();
        var result = await ProbeAsync(smbd, path: "nosuch.txt");
        Assert.Equal((false, $"file nosuch.txt not found in share data on {smbd.Endpoint}"), (result.Healthy, result.Reason));
    }
}
