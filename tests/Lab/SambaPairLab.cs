using Failover.Carp;
using Failover.Lab.Tests.Harness;

namespace Failover.Lab.Tests;

/// <summary>
/// etc-templates/samba-ldap-drbd-pair.yaml on two lab nodes, varda as n1 (192.0.2.102, advskew 0) and
/// vm-varda as n2 (192.0.2.202, advskew 100), VIP 192.0.2.2, and a client (192.0.2.50). Each node runs the
/// template with its drbd steps and monitor on a simulated DRBD pair (r0) and its service steps on a
/// simulated systemctl whose units slapd and smbd are the real servers, started and stopped in the node by
/// failoverd's chains. The lab has no block device: the template's mount and umount steps are left out
/// (tests/Actions.Tests mounts a real tmpfs).
/// </summary>
internal sealed class SambaPairLab
{
    public const string Vip = "192.0.2.2";
    public static readonly TimeSpan Election = TimeSpan.FromSeconds(30);

    private readonly NetLab lab;
    private readonly Dictionary<LabNode, SimulatedSystemctl> systemctl = [];

    private SambaPairLab(NetLab lab)
    {
        this.lab = lab;
        N1 = lab.AddNode("n1", "192.0.2.102/24");
        N2 = lab.AddNode("n2", "192.0.2.202/24");
        Client = lab.AddNode("client", "192.0.2.50/24");
        Drbd = SimulatedDrbdPair.Create(lab, "r0", N1, N2);
    }

    public LabNode N1 { get; }

    public LabNode N2 { get; }

    public LabNode Client { get; }

    public SimulatedDrbdPair Drbd { get; }

    public static LabGroup Watched { get; } = new() { Name = "samba", Vhid = 210, Vips = [$"{Vip}/24"] };

    /// <summary>The nodes with their servers ready (stopped: the chains start them); failoverd not started yet.</summary>
    public static async Task<SambaPairLab> Prepare(NetLab lab)
    {
        var pair = new SambaPairLab(lab);
        foreach (var node in new[] { pair.N1, pair.N2 })
        {
            var units = SimulatedSystemctl.Create(lab, node);
            // SlapdServer makes the directory and its entries; then systemctl owns the process.
            var slapd = await SlapdServer.Start(lab, node, allAddresses: true);
            await slapd.Stop();
            units.Define("slapd", slapd.Argv, SlapdServer.Port);
            var smbd = new SmbdFiles(Path.Combine(lab.WorkDirectory, $"smbd-{node.Name}"), node.Address.ToString(), SmbdServer.Port, bindAddressOnly: false);
            units.Define("smbd", smbd.Argv, SmbdServer.Port);
            pair.systemctl[node] = units;
        }
        return pair;
    }

    public SimulatedSystemctl Systemctl(LabNode node) => systemctl[node];

    /// <summary>The template for <paramref name="node"/>: its simulated drbdadm, drbdsetup and systemctl, the lab's
    /// LDAP suffix, no mount steps; n2 gets vm-varda's advskew 100.</summary>
    public ShippedTemplate Template(LabNode node)
    {
        var template = ShippedTemplate.Load("samba-ldap-drbd-pair.yaml")
            .Replace("/sbin/drbdadm", Drbd.Drbdadm(node))
            .Replace("/usr/sbin/drbdsetup", Drbd.Drbdsetup(node))
            .Replace("/bin/systemctl", systemctl[node].Path)
            .Replace("dc=example,dc=org", SlapdServer.Suffix)
            .WithoutLinesContaining("mount: {");
        return node == N2 ? template.Replace("advskew: 0 ", "advskew: 100 ") : template;
    }

    public FailoverdNode Start(LabNode node, Func<ShippedTemplate, ShippedTemplate>? adapt = null) =>
        (adapt ?? (t => t))(Template(node)).Start(lab, node, Watched);

    /// <summary>n1 started alone until it is master with the VIP and its services, then n2.</summary>
    public async Task<(FailoverdNode N1, FailoverdNode N2)> StartWithN1Master(Func<ShippedTemplate, ShippedTemplate>? adapt = null)
    {
        var n1 = Start(N1, adapt);
        await n1.WaitForState(CarpState.Master, Election);
        await Poll.Until(() => n1.HoldsVip() && ServesSmb(), Election, "n1 holds the VIP and smbd answers on it");
        var n2 = Start(N2, adapt);
        await n2.WaitForState(CarpState.Backup, Election);
        return (n1, n2);
    }

    /// <summary>A TCP connection from the client to smbd on the VIP is accepted.</summary>
    public bool ServesSmb() =>
        lab.Exec(Client, "timeout", "2", "bash", "-c", $"exec 3<>/dev/tcp/{Vip}/{SmbdServer.Port}").Succeeded;

    public bool Runs(LabNode node, string unit) => systemctl[node].IsActive(unit);
}
