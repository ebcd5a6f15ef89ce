using Failover.Actions.Steps;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>Every etc-templates/*.yaml is a configuration failoverd --check-config accepts, as shipped.</summary>
public sealed class EveryTemplateTests : IDisposable
{
    private readonly TemplateEtc etc = new();

    public void Dispose() => etc.Dispose();

    private static string TemplatesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "etc-templates");
            if (File.Exists(Path.Combine(candidate, "failover.yaml")))
                return candidate;
        }
        throw new DirectoryNotFoundException("etc-templates not found above " + AppContext.BaseDirectory);
    }

    private static string[] TemplateNames() =>
        Directory.GetFiles(TemplatesDirectory(), "*.yaml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Templates() => new(TemplateNames());

    private GroupConfig Load(string template)
    {
        var text = File.ReadAllText(Path.Combine(TemplatesDirectory(), template));
        return Assert.Single(ConfigAssert.Valid(etc.Adapt(text)).Groups);
    }

    [Fact]
    public void The_pair_templates_are_shipped()
    {
        Assert.Equal(["dns-dhcp-pair.yaml", "failover.yaml", "samba-ldap-drbd-pair.yaml"], TemplateNames());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_template_checks_without_errors(string template)
    {
        var text = File.ReadAllText(Path.Combine(TemplatesDirectory(), template));

        var result = ConfigLoader.Parse(etc.Adapt(text), template);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.NotEmpty(result.Config!.Groups);
    }

    [Fact]
    public void The_dns_dhcp_pair_starts_dhcpd_on_the_master_only_and_demotes_on_bind_or_dhcpd()
    {
        var group = Load("dns-dhcp-pair.yaml");

        Assert.Equal(["vip add", "service isc-dhcp-server start"], group.OnMaster.Select(s => s.Describe()));
        Assert.Equal(["vip remove", "service isc-dhcp-server stop"], group.OnBackup.Select(s => s.Describe()));
        Assert.Equal(["bind", "dhcpd"], group.Monitors.Select(m => m.Name));
        Assert.All(group.Monitors, m => Assert.Equal((TimeSpan.FromSeconds(1), 3), (m.Interval, m.Fall)));
        Assert.Equal(["dns-dhcp-down", "dns-down-on-backup", "took-over"], group.Rules.Select(r => r.Name));
    }

    [Fact]
    public void The_samba_pair_runs_vip_up_and_vip_down_in_the_seed_order()
    {
        var group = Load("samba-ldap-drbd-pair.yaml");

        Assert.Equal(
            ["drbd r0 primary", "mount /dev/drbd0 on /srv", "service slapd start", "service smbd start", "vip add"],
            group.OnMaster.Select(s => s.Describe()));
        Assert.Equal(
            ["vip remove", "service smbd stop", "service slapd stop", "umount /srv", "drbd r0 secondary"],
            group.OnBackup.Select(s => s.Describe()));
        Assert.All(group.OnMaster.OfType<ServiceStep>(), s => Assert.Equal("/bin/systemctl", s.Command));
        Assert.Equal(["smbd", "slapd", "disks"], group.Monitors.Select(m => m.Name));
        Assert.Equal(["split-brain", "drbd-out-of-service", "samba-ldap-down", "took-over"], group.Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_template_whose_key_is_missing_names_it()
    {
        var text = File.ReadAllText(Path.Combine(TemplatesDirectory(), "samba-ldap-drbd-pair.yaml"));
        if (File.Exists("/etc/failover/samba.key"))
            return; // an installed machine: nothing to show

        var error = Assert.Single(ConfigLoader.Parse(text, "samba-ldap-drbd-pair.yaml").Errors);

        Assert.Equal("password_file /etc/failover/samba.key does not exist", error.Message);
    }
}
