using Failover.Remote.Ssh;
using Failover.Remote.Sync;

namespace Failover.Daemon.Tests.Config;

/// <summary>The top-level ssh: mapping and a group's sync: mapping.</summary>
public sealed class SshSyncConfigTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Peer = "peer: { node: vm-varda, address: 10.4.0.211 }\n";
    private const string Node = "node: { name: vm-yavanna }\n";
    private const string Group = "groups:\n  - { name: web, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24] }\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Key(UnixFileMode mode = Mode0600) => _dir.WriteFile("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n", mode);

    private static string WithSync(string sync) =>
        $"groups:\n  - {{ name: web, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24], sync: {sync} }}\n";

    [Fact]
    public void Ssh_defaults_to_the_peers_address_root_port_22_and_5s_30s()
    {
        var key = Key();
        var ssh = ConfigAssert.Valid(Node + Peer + $"ssh: {{ identity: {key} }}\n" + Group).Ssh;
        Assert.Equal(new SshSettings("10.4.0.211", "root", 22, key, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)), ssh);
    }

    [Fact]
    public void Every_ssh_key_is_read()
    {
        var key = Key();
        var known = _dir.WriteFile("known_hosts", "10.4.0.211 ssh-ed25519 AAAA\n", UnixFileMode.UserRead | UnixFileMode.OtherRead);
        var ssh = ConfigAssert.Valid(Node + Peer
            + $"ssh: {{ host: varda.lan, user: failover, port: 2222, identity: {key}, known_hosts: {known}, connect_timeout: 2s, command_timeout: 1m }}\n"
            + Group).Ssh;
        Assert.Equal(new SshSettings("varda.lan", "failover", 2222, key, known, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)), ssh);
    }

    [Fact]
    public void Ssh_mistakes_are_reported_where_they_are()
    {
        var open = Key(Mode0600 | UnixFileMode.GroupRead);
        var missing = Path.Combine(_dir.Path, "nope");
        var errors = ConfigAssert.Errors(Node + $"""
            ssh:
              user: -oProxyCommand=x
              port: 0
              identity: {open}
              known_hosts: {missing}
              connect_timeout: 0s
              comand_timeout: 1m
            """ + "\n" + Group);
        Assert.Equal(
            [
                "3:3: ssh needs a host: there is no peer: section whose address it could default to",
                "3:9: ssh user must be a user name (one word, not starting with '-')",
                "4:9: ssh port must be a port number from 1 to 65535",
                $"5:13: ssh identity {open} is readable by group or others (mode 0640); chmod 600 it",
                $"6:16: ssh known_hosts {missing} does not exist (with StrictHostKeyChecking=yes every connection would be refused)",
                "7:20: ssh connect_timeout must be from 1s to 2m",
                "8:3: unknown key 'comand_timeout' in ssh (did you mean 'command_timeout'?)",
            ],
            errors);
    }

    [Fact]
    public void Ssh_needs_an_existing_identity_without_quotes_in_its_path()
    {
        Assert.Equal(["3:6: missing required key 'identity' in ssh"], ConfigAssert.Errors(Node + Peer + "ssh: { user: root }\n" + Group));
        var missing = Path.Combine(_dir.Path, "id_missing");
        Assert.Equal([$"3:18: ssh identity {missing} does not exist"], ConfigAssert.Errors(Node + Peer + $"ssh: {{ identity: {missing} }}\n" + Group));
        Assert.Equal(["3:18: ssh identity must be an absolute path without quote characters"],
            ConfigAssert.Errors(Node + Peer + "ssh: { identity: \"/etc/it's\" }\n" + Group));
    }

    [Fact]
    public void Sync_defaults_and_a_plain_path_lands_at_the_same_place()
    {
        var key = Key();
        var group = ConfigAssert.Valid(Node + Peer + $"ssh: {{ identity: {key} }}\n" + WithSync("{ paths: [/etc/bind/] }")).Groups[0];
        var sync = group.Sync!;
        Assert.Equal([new SyncPath("/etc/bind/", "/etc/bind/")], sync.Paths);
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromSeconds(30), false, TimeSpan.FromMinutes(5)),
            (sync.Every, sync.AfterTakeover, sync.Delete, sync.Timeout));
        Assert.Empty(sync.Exclude);
        Assert.Empty(sync.PostCommand);
    }

    [Fact]
    public void Every_sync_key_is_read_and_a_path_may_be_mapped_to_another_dest()
    {
        var key = Key();
        var sync = ConfigAssert.Valid(Node + Peer + $"ssh: {{ identity: {key} }}\n" + WithSync(
            "{ paths: [/etc/bind/, { path: /etc/dhcp/dhcpd.conf, dest: /srv/dhcpd.conf }], every: 10m, after_takeover: 0s, "
            + "exclude: [\"*.jnl\", tmp/], delete: true, post_command: [named-checkconf, -z], timeout: 1m }")).Groups[0].Sync!;
        Assert.Equal([new SyncPath("/etc/bind/", "/etc/bind/"), new SyncPath("/etc/dhcp/dhcpd.conf", "/srv/dhcpd.conf")], sync.Paths);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.Zero, true, TimeSpan.FromMinutes(1)), (sync.Every, sync.AfterTakeover, sync.Delete, sync.Timeout));
        Assert.Equal(["*.jnl", "tmp/"], sync.Exclude);
        Assert.Equal(["named-checkconf", "-z"], sync.PostCommand);
    }

    [Fact]
    public void Sync_without_an_ssh_section_is_refused_at_the_sync_key()
    {
        Assert.Equal(["3:85: sync needs an ssh: section: the master pushes with rsync over ssh"],
            ConfigAssert.Errors(Node + WithSync("{ paths: [/etc/bind/] }")));
    }

    [Fact]
    public void Sync_mistakes_are_reported_where_they_are()
    {
        var key = Key();
        var errors = ConfigAssert.Errors(Node + Peer + $"ssh: {{ identity: {key} }}\n" + """
            groups:
              - name: web
                vhid: 1
                interface: eth0
                password: x
                vips: [10.4.0.10/24]
                sync:
                  paths: [etc/bind, { path: /a }, [x]]
                  every: often
                  delete: yes
                  post_command: []
                  exclude: "*.jnl"
                  evry: 1h
            """);
        Assert.Equal(
            [
                "11:15: sync path must be an absolute path",
                "11:25: missing required key 'dest' in a sync path",
                "11:39: sync paths must list absolute paths, each a path (/etc/bind/) or { path: /etc/bind/, dest: /srv/bind/ }",
                "12:14: sync every must be a duration: " + Failover.Rules.Language.DurationLiteral.Syntax,
                "13:15: sync delete must be true or false",
                "14:21: sync post_command must be a non-empty list of words (argv, run on the peer), e.g. post_command: [named-checkconf]",
                "15:16: sync exclude must be a list of rsync patterns, e.g. exclude: [\"*.jnl\"]",
                "16:7: unknown key 'evry' in sync (did you mean 'every'?)",
            ],
            errors);
    }
}
