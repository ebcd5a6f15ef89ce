namespace Failover.Daemon.Tests.Config;

/// <summary>Rules across groups, and many errors reported together in file order.</summary>
public sealed class ConfigLoaderCrossCheckTests
{
    [Fact]
    public void Clashes_between_groups_point_at_the_later_group_and_name_the_earlier()
    {
        var errors = ConfigAssert.Errors("""
            groups:
              - name: dns
                vhid: 200
                interface: eth0
                password: x
                vips: [10.4.0.10/24]
              - name: DNS
                vhid: 200
                interface: eth0
                password: x
                vips: [10.4.0.11/24, 10.4.0.10/24]
            """);

        Assert.Equal(
            [
                "7:11: group name 'DNS' is already used by group 'dns' (line 2)",
                "8:11: vhid 200 on eth0 is already used by group 'dns' (line 2)",
                "11:26: VIP 10.4.0.10 is already used by group 'dns' (line 2)",
            ],
            errors);
    }

    [Fact]
    public void A_VIP_clash_is_found_whatever_the_prefix()
    {
        var errors = ConfigAssert.Errors("""
            groups:
              - { name: a, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24] }
              - { name: b, vhid: 2, interface: eth1, password: x, vips: [10.4.0.10] }
            """);

        Assert.Equal(["3:62: VIP 10.4.0.10 is already used by group 'a' (line 2)"], errors);
    }

    [Fact]
    public void Cross_checks_still_run_for_groups_with_other_errors()
    {
        var errors = ConfigAssert.Errors("""
            groups:
              - { name: a, vhid: 1, interface: eth0, password: x, vips: [10.4.0.1], advbase: 0 }
              - { vhid: 1, interface: eth0, password: x, vips: [10.4.0.1] }
            """);

        Assert.Equal(
            [
                "2:82: advbase must be an integer from 1 to 255 (seconds)",
                "3:5: missing required key 'name' in group",
                "3:13: vhid 1 on eth0 is already used by group 'a' (line 2)",
                "3:53: VIP 10.4.0.1 is already used by group 'a' (line 2)",
            ],
            errors);
    }

    [Fact]
    public void Every_error_is_reported_in_file_order()
    {
        var errors = ConfigAssert.Errors("""
            node: { name: varda, colour: blue }
            state_dir: relative/dir
            groups:
              - name: samba
                vhid: abc
                interface: eth0
                password: "this password is far too long"
                advskw: 10
                preempt: maybe
                vips: [10.4.0.2/24, 10.4.0.999]
                garp: { interval: fast }
                on_master:
                  - exec: [vip-up.sh]
                    timeout: 5
              - name: samba
                vhid: 210
                interface: eth0
                vips: [10.4.0.2]
            """);

        Assert.Equal(
            [
                "1:22: unknown key 'colour' in node (known keys: name)",
                "2:12: state_dir must be an absolute path",
                "5:11: vhid must be an integer from 1 to 255",
                "7:15: password is 29 bytes; ucarp-compatible passwords are at most 19 bytes",
                "8:5: unknown key 'advskw' in group (did you mean 'advskew'?)",
                "9:14: preempt must be true or false",
                "10:25: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24",
                "11:23: garp interval must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)",
                "13:16: exec program 'vip-up.sh' must be an absolute path (there is no shell and no PATH search)",
                "14:18: timeout must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)",
                "15:5: missing required key 'password_file' (or 'password') in group",
                "15:11: group name 'samba' is already used by group 'samba' (line 4)",
                "18:12: VIP 10.4.0.2 is already used by group 'samba' (line 4)",
            ],
            errors);
    }
}
