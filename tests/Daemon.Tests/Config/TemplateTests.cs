using System.Net;
using Failover.Actions.Steps;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>etc-templates/failover.yaml, the example admins start from, must itself be valid.</summary>
public sealed class TemplateTests : IDisposable
{
    private const string TemplateKeyPath = "/etc/failover/dns-dhcp.key";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string TemplatePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "etc-templates", "failover.yaml");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("etc-templates/failover.yaml not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Dns_dhcp_template_validates_with_its_key_file_in_place()
    {
        var text = File.ReadAllText(TemplatePath());
        Assert.Contains(TemplateKeyPath, text);
        var key = _dir.WriteFile("dns-dhcp.key", "s3cret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var config = ConfigAssert.Valid(text.Replace(TemplateKeyPath, key));

        var group = Assert.Single(config.Groups);
        Assert.Equal(200, group.Vhid);
        Assert.Equal("eth0", group.Interface);
        Assert.Equal(IPAddress.Parse("10.4.0.210"), group.Source);
        Assert.Equal("s3cret"u8.ToArray(), group.Password);
        Assert.Equal(["10.4.0.10/24", "10.4.0.11/24"], group.Vips.Select(v => v.ToString()));
        var up = Assert.IsType<ExecStep>(Assert.Single(group.OnMaster));
        var down = Assert.IsType<ExecStep>(Assert.Single(group.OnBackup));
        Assert.Equal(["/etc/failover/vip-up.sh"], up.Argv);
        Assert.Equal(["/etc/failover/vip-down.sh"], down.Argv);
        Assert.True(up.UcarpArgs);
        Assert.True(down.UcarpArgs);
        Assert.Equal(TimeSpan.FromMinutes(5), group.ChainHoldDown);
    }

    [Fact]
    public void Template_without_its_key_file_reports_the_missing_file()
    {
        var text = File.ReadAllText(TemplatePath());
        if (File.Exists(TemplateKeyPath))
            return; // a machine with failover installed: nothing to show

        var errors = ConfigLoader.Parse(text, "failover.yaml").Errors;

        Assert.Equal($"password_file {TemplateKeyPath} does not exist", Assert.Single(errors).Message);
    }
}
