using Failover.Remote.Sync;

namespace Failover.Daemon.Tests.Config;

/// <summary>The commented ssh: and sync: examples of etc-templates/failover.yaml, uncommented, are valid and mean what they say.</summary>
public sealed class SshSyncTemplateTests : IDisposable
{
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

    /// <summary>Uncomments the block that starts with <paramref name="header"/> (its "#   " lines after it).</summary>
    private static List<string> Uncomment(List<string> lines, string header)
    {
        var start = lines.IndexOf(header);
        Assert.True(start >= 0, $"'{header}' not in the template");
        var indent = header.IndexOf('#');
        for (var i = start; i < lines.Count && (i == start || lines[i].StartsWith(new string(' ', indent) + "#   ", StringComparison.Ordinal)); i++)
            lines[i] = lines[i].Remove(indent, 2);
        return lines;
    }

    [Fact]
    public void The_commented_ssh_and_sync_examples_are_valid()
    {
        var lines = File.ReadAllLines(TemplatePath()).ToList();
        Uncomment(lines, "# ssh:");
        Uncomment(lines, "    # sync:");
        var key = _dir.WriteFile("id_ed25519", "key\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var knownHosts = _dir.WriteFile("known_hosts", "10.4.0.209 ssh-ed25519 AAAA\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var groupKey = _dir.WriteFile("dns-dhcp.key", "s3cret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var text = string.Join('\n', lines).Replace("/etc/failover/id_ed25519", key).Replace("/etc/failover/known_hosts", knownHosts)
            .Replace("/etc/failover/dns-dhcp.key", groupKey);

        var config = ConfigAssert.Valid(text);

        Assert.Equal(("10.4.0.209", "root", 22, key, knownHosts), (config.Ssh!.Host, config.Ssh.User, config.Ssh.Port, config.Ssh.Identity, config.Ssh.KnownHosts));
        var sync = config.Groups[0].Sync!;
        Assert.Equal([new SyncPath("/etc/bind/", "/etc/bind/"), new SyncPath("/etc/dhcp/dhcpd.conf", "/etc/dhcp/dhcpd.conf")], sync.Paths);
        Assert.Equal(["*.jnl"], sync.Exclude);
        Assert.Equal(["named-checkconf"], sync.PostCommand);
    }
}
