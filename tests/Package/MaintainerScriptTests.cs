using Failover.Package.Tests.Harness;

namespace Failover.Package.Tests;

/// <summary>
/// postinst, prerm and postrm as dpkg calls them, on a machine that seems to run systemd (this one may not:
/// the package tests install for real, but only a systemd machine takes the scripts' systemd branches).
/// </summary>
public sealed class MaintainerScriptTests
{
    private const string Unit = "failoverd.service";

    [PackageFact]
    public void Install_creates_the_group_tells_systemd_and_starts_nothing()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(), "configure", "");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.Equal(["getent group failover", "addgroup --system --quiet failover", $"deb-systemd-helper update-state {Unit}",
            "systemctl --system daemon-reload"], run.Calls);
    }

    [PackageFact]
    public void Install_keeps_an_existing_group()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(GroupExists: true), "configure", "");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("addgroup", StringComparison.Ordinal));
    }

    [PackageFact]
    public void Without_systemd_install_only_creates_the_group_and_records_the_unit()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(Systemd: false), "configure", "");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.Equal(["getent group failover", "addgroup --system --quiet failover", $"deb-systemd-helper update-state {Unit}"], run.Calls);
    }

    [PackageFact]
    public void Upgrade_restarts_a_running_daemon_once_the_new_version_accepts_the_config()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(UnitActive: true, GroupExists: true), "configure", "0.0.1");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.Equal(["getent group failover", $"deb-systemd-helper update-state {Unit}", "systemctl --system daemon-reload",
            $"systemctl --quiet is-active {Unit}", "failoverd --check-config /etc/failover/failover.yaml", $"deb-systemd-invoke restart {Unit}"],
            run.Calls);
    }

    [PackageFact]
    public void Upgrade_keeps_the_old_daemon_running_when_the_new_version_rejects_the_config()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(UnitActive: true, ConfigValid: false, GroupExists: true), "configure", "0.0.1");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("deb-systemd-invoke", StringComparison.Ordinal));
        Assert.Contains("keeps running the old version", run.Result.StdErr);
        Assert.Contains("/etc/failover/failover.yaml:3:11: vhid must be an integer from 1 to 255", run.Result.StdErr);
    }

    [PackageFact]
    public void Upgrade_leaves_a_stopped_daemon_stopped()
    {
        var run = MaintainerScript.Run("postinst", new ScriptMachine(UnitActive: false, GroupExists: true), "configure", "0.0.1");

        Assert.True(run.Result.Succeeded, run.Result.ToString());
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("deb-systemd-invoke", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("failoverd", StringComparison.Ordinal));
    }

    [PackageFact]
    public void Remove_stops_the_daemon_and_upgrade_does_not()
    {
        var remove = MaintainerScript.Run("prerm", new ScriptMachine(UnitActive: true), "remove");
        var upgrade = MaintainerScript.Run("prerm", new ScriptMachine(UnitActive: true), "upgrade", "0.0.2");

        Assert.True(remove.Result.Succeeded, remove.Result.ToString());
        Assert.Equal([$"deb-systemd-invoke stop {Unit}"], remove.Calls);
        Assert.True(upgrade.Result.Succeeded, upgrade.Result.ToString());
        Assert.Empty(upgrade.Calls);
    }

    [PackageFact]
    public void Postrm_keeps_the_state_on_remove_and_deletes_it_and_the_enable_links_on_purge()
    {
        var remove = MaintainerScript.Run("postrm", new ScriptMachine(), "remove");
        var purge = MaintainerScript.Run("postrm", new ScriptMachine(), "purge");

        Assert.True(remove.Result.Succeeded, remove.Result.ToString());
        Assert.Equal(["systemctl --system daemon-reload"], remove.Calls);
        Assert.True(remove.StateLeft);
        Assert.True(purge.Result.Succeeded, purge.Result.ToString());
        Assert.Equal([$"deb-systemd-helper purge {Unit}", "systemctl --system daemon-reload"], purge.Calls);
        Assert.False(purge.StateLeft);
    }
}
