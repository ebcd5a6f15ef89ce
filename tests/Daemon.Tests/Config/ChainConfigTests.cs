using Failover.Actions.Steps;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>on_master / on_backup step kinds and chain_hold_down.</summary>
public sealed class ChainConfigTests
{
    private const string Base = """
        groups:
          - name: samba
            vhid: 210
            interface: eth0
            password: secret
            vips: [10.4.0.2/24]

        """;

    [Fact]
    public void A_samba_drbd_pair_binds_every_step_kind_in_order()
    {
        var config = ConfigAssert.Valid(Base + """
                on_master:
                  - drbd: { resource: r0, role: primary }
                  - mount: { device: /dev/drbd0, path: /srv, fstype: ext4, options: "noatime,nodev" }
                    timeout: 2m
                  - service: { name: slapd, action: start }
                  - service: { name: smbd, action: restart, command: /usr/local/bin/systemctl }
                  - vip
                  - exec: [/usr/sbin/exportfs, -ra]
                    undo: [/usr/sbin/exportfs, -ua]
                on_backup:
                  - vip
                  - service: { name: smbd, action: stop }
                  - umount: { path: /srv }
                  - drbd: { resource: r0, role: secondary, command: /opt/drbd/drbdadm }
                    timeout: 10s
                chain_hold_down: 10m
            """);

        var g = Assert.Single(config.Groups);
        Assert.Equal(
        [
            new DrbdStep("r0", DrbdTargetRole.Primary, "/sbin/drbdadm", TimeSpan.FromSeconds(30)),
            new MountStep("/dev/drbd0", "/srv", "ext4", "noatime,nodev", TimeSpan.FromMinutes(2)),
            new ServiceStep("slapd", ServiceAction.Start, "/bin/systemctl", TimeSpan.FromMinutes(2)),
            new ServiceStep("smbd", ServiceAction.Restart, "/usr/local/bin/systemctl", TimeSpan.FromMinutes(2)),
            new VipStep(true),
        ], g.OnMaster.Take(5));
        var exec = Assert.IsType<ExecStep>(g.OnMaster[5]);
        Assert.Equal(["/usr/sbin/exportfs", "-ra"], exec.Argv);
        Assert.Equal(["/usr/sbin/exportfs", "-ua"], exec.UndoArgv);
        Assert.Equal(
        [
            new VipStep(false),
            new ServiceStep("smbd", ServiceAction.Stop, "/bin/systemctl", TimeSpan.FromMinutes(2)),
            new UmountStep("/srv", TimeSpan.FromSeconds(60)),
            new DrbdStep("r0", DrbdTargetRole.Secondary, "/opt/drbd/drbdadm", TimeSpan.FromSeconds(10)),
        ], g.OnBackup);
        Assert.Equal(TimeSpan.FromMinutes(10), g.ChainHoldDown);
    }

    [Fact]
    public void Defaults_are_no_steps_and_a_five_minute_hold()
    {
        var g = Assert.Single(ConfigAssert.Valid(Base).Groups);

        Assert.Empty(g.OnMaster);
        Assert.Empty(g.OnBackup);
        Assert.Equal(TimeSpan.FromMinutes(5), g.ChainHoldDown);
    }

    [Fact]
    public void A_mount_without_type_or_options_leaves_them_to_mount()
    {
        var g = Assert.Single(ConfigAssert.Valid(Base + "    on_master: [ { mount: { device: \"UUID=0c5e\", path: /srv } } ]\n").Groups);
        Assert.Equal(new MountStep("UUID=0c5e", "/srv", null, null, TimeSpan.FromSeconds(60)), Assert.Single(g.OnMaster));
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "    on_master:\n      - vip: { timeout: 2s }\n", "8:9: the vip step takes no options: write - vip" },
        { "    on_master:\n      - vip\n      - exec: [/bin/true]\n      - vip\n", "10:9: on_master has a vip step already; the VIPs move once per chain" },
        { "    on_master:\n      - vips\n", "8:9: a step must be a mapping, e.g. - exec: [/etc/failover/vip-up.sh], or - vip" },
        { "    on_master:\n      - drbd: r0\n", "8:15: drbd must be a mapping, e.g. drbd: { resource: r0, role: primary }" },
        { "    on_master:\n      - drbd: { resource: r0 }\n", "8:15: missing required key 'role' in drbd" },
        { "    on_master:\n      - drbd: { resource: r0, role: master }\n", "8:37: drbd role must be primary or secondary" },
        { "    on_master:\n      - drbd: { resource: --force, role: primary }\n", "8:27: drbd resource must be a resource name such as r0" },
        { "    on_master:\n      - drbd: { resource: r0, role: primary, force: true }\n", "8:46: unknown key 'force' in drbd (known keys: resource, role, command)" },
        { "    on_master:\n      - drbd: { resource: r0, role: primary, command: drbdadm }\n", "8:55: drbd command must be the absolute path of drbdadm" },
        { "    on_master:\n      - drbd: { resource: r0, role: primary, timeout: 5s }\n", "8:46: unknown key 'timeout' in drbd (known keys: resource, role, command)" },
        { "    on_master:\n      - drbd: { resource: r0, role: primary }\n        timeout: 0s\n", "9:18: timeout must be from 1ms to 24h" },
        { "    on_master:\n      - mount: { device: /dev/drbd0, path: srv }\n", "8:44: mount path must be an absolute path" },
        { "    on_master:\n      - mount: { path: /srv }\n", "8:16: missing required key 'device' in mount" },
        { "    on_master:\n      - mount: { device: /dev/drbd0, path: /srv, options: \"a b\" }\n", "8:59: mount options must be mount's -o list, e.g. noatime,nodev" },
        { "    on_backup:\n      - umount: /srv\n", "8:17: umount must be a mapping, e.g. umount: { path: /srv }" },
        { "    on_master:\n      - service: { name: smbd, action: reload }\n", "8:40: service action must be start, stop or restart" },
        { "    on_master:\n      - service: { name: \"smbd nmbd\", action: start }\n", "8:26: service name must be a systemd unit such as smbd or smbd.service" },
        { "    on_master:\n      - service: { name: smbd, action: start }\n        exec: [/bin/true]\n", "9:9: a step has one kind, but this one has both 'service' and 'exec'; make two steps" },
        { "    on_backup:\n      - exec: [/bin/true]\n        undo: [/bin/false]\n", "9:9: undo runs when an on_master chain rolls back; on_backup never rolls back" },
        { "    on_master:\n      - exec: [/bin/true]\n        undo: [false]\n", "9:16: undo program 'false' must be an absolute path (there is no shell and no PATH search)" },
        { "    on_master:\n      - service: { name: smbd, action: start }\n        undo: [/bin/true]\n", "9:9: unknown key 'undo' in service step (known keys: service, timeout)" },
        { "    chain_hold_down: 0s\n", "7:22: chain_hold_down must be from 1s to 24h" },
        { "    chain_hold_down: forever\n", "7:22: chain_hold_down must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_wrong_step_is_reported_where_it_is_written(string yaml, string expected) =>
        Assert.Equal([expected], ConfigAssert.Errors(Base + yaml));
}
