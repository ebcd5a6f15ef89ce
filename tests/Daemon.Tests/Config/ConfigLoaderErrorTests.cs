namespace Failover.Daemon.Tests.Config;

/// <summary>One mistake at a time in an otherwise valid file: the exact error and where it points.</summary>
public sealed class ConfigLoaderErrorTests
{
    // Line 2: name value at col 11; line 3: vhid value col 11; line 4: interface value col 16;
    // line 5: password value col 15; line 6: vips list col 11, first VIP col 12; line 7+: added keys at col 5.
    private const string Base = """
        groups:
          - name: dns
            vhid: 200
            interface: eth0
            password: secret
            vips: [10.4.0.10/24]

        """;

    private static string Replace(string from, string to) =>
        Base.Contains(from) ? Base.Replace(from, to) : throw new ArgumentException($"'{from}' is not in the base config");

    public static TheoryData<string, string> GroupValueErrors => new()
    {
        { Replace("vhid: 200", "vhid: abc"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: 0"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: 256"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: -1"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: 2.5"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: 0x10"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("vhid: 200", "vhid: [200]"), "3:11: vhid must be an integer from 1 to 255" },
        { Replace("name: dns", "name: dns dhcp"), "2:11: group name must be non-empty and use only letters, digits, '-' and '_'" },
        { Replace("name: dns", "name: \"\""), "2:11: group name must be non-empty and use only letters, digits, '-' and '_'" },
        { Replace("name: dns", "name: dns.dhcp"), "2:11: group name must be non-empty and use only letters, digits, '-' and '_'" },
        { Replace("interface: eth0", "interface: eth0:1"), "4:16: interface must be a network interface name (1 to 15 characters, no '/', ':' or spaces)" },
        { Replace("interface: eth0", "interface: a23456789012345x"), "4:16: interface must be a network interface name (1 to 15 characters, no '/', ':' or spaces)" },
        { Replace("password: secret", "password: \"12345678901234567890\""), "5:15: password is 20 bytes; ucarp-compatible passwords are at most 19 bytes" },
        { Replace("password: secret", "password: \"éééééééééé\""), "5:15: password is 20 bytes; ucarp-compatible passwords are at most 19 bytes" },
        { Replace("password: secret", "password: \"\""), "5:15: password is empty" },
        { Replace("password: secret", "password: \"a\\0b\""), "5:15: password contains a NUL byte" },
        { Replace("password: secret", "password: [secret]"), "5:15: password must be a string of 1 to 19 bytes" },
        { Replace("password: secret", "password_file: keys/dns.key"), "5:20: password_file must be an absolute path" },
        { Replace("vips: [10.4.0.10/24]", "vips: []"), "6:11: vips must list at least one IPv4 address, e.g. vips: [10.4.0.2/24]" },
        { Replace("vips: [10.4.0.10/24]", "vips: 10.4.0.10/24"), "6:11: vips must be a list of IPv4 addresses, e.g. vips: [10.4.0.2/24]" },
        { Replace("[10.4.0.10/24]", "[10.4.0.300/24]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[10.4.0.10/33]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[10.4.0.10/]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[10.4.10/24]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[10.4.0.010]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[fe80::1]"), "6:12: a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24" },
        { Replace("[10.4.0.10/24]", "[224.0.0.18]"), "6:12: VIP 224.0.0.18 is not a unicast address" },
        { Replace("[10.4.0.10/24]", "[10.4.0.10/24, 10.4.0.10/32]"), "6:26: VIP 10.4.0.10 is listed twice in this group (first at line 6, column 12)" },
        { Base + "    source: 10.4.0\n", "7:13: source must be a unicast IPv4 address such as 10.4.0.102" },
        { Base + "    source: 127.0.0.1\n", "7:13: source must be a unicast IPv4 address such as 10.4.0.102" },
        { Base + "    source: 10.4.0.10\n", "7:13: source 10.4.0.10 is also a VIP of this group; source must be this node's own address" },
        { Base + "    advbase: 0\n", "7:14: advbase must be an integer from 1 to 255 (seconds)" },
        { Base + "    advskew: 256\n", "7:14: advskew must be an integer from 0 to 255" },
        { Base + "    deadratio: 0\n", "7:16: deadratio must be an integer from 1 to 255" },
        { Base + "    preempt: yes\n", "7:14: preempt must be true or false" },
        { Base + "    neutral: 1\n", "7:14: neutral must be true or false" },
        { Base + "    garp: 5\n", "7:11: garp must be a mapping, e.g. garp: { count: 5, interval: 200ms, repeat_after: 5s }" },
        { Base + "    garp: { count: 101 }\n", "7:20: garp count must be an integer from 0 to 100" },
        { Base + "    garp: { interval: 200 }\n", "7:23: garp interval must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)" },
        { Base + "    garp: { interval: 0ms }\n", "7:23: garp interval must be from 1ms to 1m" },
        { Base + "    garp: { repeat_after: 5 s }\n", "7:27: garp repeat_after must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)" },
        { Base + "    garp: { repeat_after: 2h }\n", "7:27: garp repeat_after must be from 0s to 1h (0s: no repeat)" },
        { Base + "    garp: { cout: 3 }\n", "7:13: unknown key 'cout' in garp (did you mean 'count'?)" },
    };

    [Theory]
    [MemberData(nameof(GroupValueErrors))]
    public void Wrong_group_value_is_reported_at_the_value(string yaml, string expected) =>
        Assert.Equal([expected], ConfigAssert.Errors(yaml));

    public static TheoryData<string, string> StepErrors => new()
    {
        { Base + "    on_master: /etc/failover/vip-up.sh\n", "7:16: on_master must be a list of steps, e.g. on_master: [{ exec: [/etc/failover/script.sh] }]" },
        { Base + "    on_master: [/etc/failover/vip-up.sh]\n", "7:17: a step must be a mapping, e.g. - exec: [/etc/failover/vip-up.sh], or - vip" },
        { Base + "    on_master:\n      - exex: [/bin/true]\n", "8:9: unknown key 'exex' in step (did you mean 'exec'?)" },
        { Base + "    on_master:\n      - ucarp_args: true\n", "8:9: a step needs a kind: one of the keys exec, drbd, mount, umount, service, mail, or write - vip" },
        { Base + "    on_master:\n      - exec: [vip-up.sh]\n", "8:16: exec program 'vip-up.sh' must be an absolute path (there is no shell and no PATH search)" },
        { Base + "    on_master:\n      - exec: []\n", "8:15: exec must be a list: the program (an absolute path) and its arguments, e.g. exec: [/etc/failover/vip-up.sh]" },
        { Base + "    on_master:\n      - exec: /etc/failover/vip-up.sh\n", "8:15: exec must be a list: the program (an absolute path) and its arguments, e.g. exec: [/etc/failover/vip-up.sh]" },
        { Base + "    on_master:\n      - exec: [/bin/x, { a: 1 }]\n", "8:24: exec arguments must be strings" },
        { Base + "    on_backup:\n      - exec: [/bin/x]\n        ucarp_args: maybe\n", "9:21: ucarp_args must be true or false" },
        { Base + "    on_backup:\n      - exec: [/bin/x]\n        xparam: foo\n", "9:17: xparam is only passed with ucarp_args: true" },
        { Base + "    on_backup:\n      - exec: [/bin/x]\n        timeout: 0s\n", "9:18: timeout must be from 1ms to 24h" },
        { Base + "    on_backup:\n      - exec: [/bin/x]\n        timeout: 60\n", "9:18: timeout must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)" },
        { Base + "    on_backup:\n      - exec: [/bin/x]\n        timout: 5s\n", "9:9: unknown key 'timout' in exec step (did you mean 'timeout'?)" },
    };

    [Theory]
    [MemberData(nameof(StepErrors))]
    public void Wrong_step_is_reported_where_it_is_written(string yaml, string expected) =>
        Assert.Equal([expected], ConfigAssert.Errors(yaml));

    public static TheoryData<string, string> StructureErrors => new()
    {
        { Base + "    advskw: 5\n", "7:5: unknown key 'advskw' in group (did you mean 'advskew'?)" },
        { Base + "    VHID: 5\n", "7:5: unknown key 'VHID' in group (did you mean 'vhid'?)" },
        { Base + "    vhid: 201\n", "7:5: duplicate key 'vhid' (first given at line 3, column 5)" },
        { Base + "    colour: blue\n", "7:5: unknown key 'colour' in group (known keys: name, vhid, interface, source, password, password_file, advbase, advskew, deadratio, preempt, neutral, vips, garp, on_master, on_backup, chain_hold_down, monitors, rules, sync, split_brain)" },
        { Base + "    password_file: /etc/failover/dns.key\n", "7:5: password and password_file are mutually exclusive; keep only one" },
        { Replace("    password: secret\n", ""), "2:5: missing required key 'password_file' (or 'password') in group" },
        { Replace("    vhid: 200\n", ""), "2:5: missing required key 'vhid' in group" },
        { Replace("  - name: dns\n    vhid", "  - vhid"), "2:5: missing required key 'name' in group" },
        { Replace("    interface: eth0\n", ""), "2:5: missing required key 'interface' in group" },
        { Replace("    vips: [10.4.0.10/24]\n", ""), "2:5: missing required key 'vips' in group" },
        { "groups:\n  - dns\n", "2:5: a group must be a mapping with at least name, vhid, interface, password_file (or password) and vips" },
        { "groups: []\n", "1:9: groups must list at least one group" },
        { "groups:\n", "1:8: groups must list at least one group" },
        { "groups: dns\n", "1:9: groups must be a list of groups (each item starts with '- name: …')" },
        { "node: { name: varda }\n", "1:1: missing required key 'groups' at top level" },
        { "group:\n  - name: dns\n", "1:1: unknown key 'group' at top level (did you mean 'groups'?)\n1:1: missing required key 'groups' at top level" },
        { "", "1:1: the configuration is empty; at least one group is required under 'groups'" },
        { "# nothing but a comment\n", "1:1: the configuration is empty; at least one group is required under 'groups'" },
        { "- name: dns\n", "1:1: the configuration must be a mapping with the keys node, control, state_dir, interfaces, groups and peer" },
        { "node: varda\n" + Base, "1:7: node must be a mapping, e.g. node: { name: varda }" },
        { "node: { name: \"var da\" }\n" + Base, "1:15: node name must be a non-empty string without spaces" },
        { "node: { nmae: varda }\n" + Base, "1:9: unknown key 'nmae' in node (did you mean 'name'?)" },
        { "control: { socket: failoverd.sock }\n" + Base, "1:20: control socket must be an absolute path" },
        { "state_dir: var/lib/failover\n" + Base, "1:12: state_dir must be an absolute path" },
        { Base + "---\nmore: 1\n", "7:1: only one YAML document is allowed; remove this '---' and what follows or merge it into the first" },
        { Base + "    on_master: *steps\n", "7:16: unknown alias '*steps': no anchor '&steps' before it" },
    };

    [Theory]
    [MemberData(nameof(StructureErrors))]
    public void Structural_error_is_reported_at_its_key(string yaml, string expected) =>
        Assert.Equal(expected.Split('\n'), ConfigAssert.Errors(yaml));

    [Fact]
    public void Duplicate_key_in_flow_mapping_points_at_the_second_key()
    {
        Assert.Equal(
            ["2:42: duplicate key 'vhid' (first given at line 2, column 16)"],
            ConfigAssert.Errors("""
                groups:
                  - { name: a, vhid: 1, interface: eth0, vhid: 2, password: x, vips: [10.4.0.1] }
                """));
    }
}
