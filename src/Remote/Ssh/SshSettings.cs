namespace Failover.Remote.Ssh;

/// <summary>How this node reaches its peer over OpenSSH (failover.yaml's <c>ssh:</c> section, with defaults applied).</summary>
/// <param name="Host">A name or address as ssh takes it.</param>
/// <param name="Identity">The private key file (-i); only it is offered (IdentitiesOnly).</param>
/// <param name="KnownHosts">A known_hosts file of its own (UserKnownHostsFile); null: ssh's default files.</param>
/// <param name="ConnectTimeout">ssh's ConnectTimeout, whole seconds.</param>
/// <param name="CommandTimeout">The default per-command deadline of a remote command.</param>
public sealed record SshSettings(
    string Host,
    string User,
    int Port,
    string Identity,
    string? KnownHosts,
    TimeSpan ConnectTimeout,
    TimeSpan CommandTimeout)
{
    public const string DefaultUser = "root";
    public const int DefaultPort = 22;
    public static TimeSpan DefaultConnectTimeout { get; } = TimeSpan.FromSeconds(5);
    public static TimeSpan DefaultCommandTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>As logs and mails name the peer: "root@192.0.2.2".</summary>
    public string Target => Port == DefaultPort ? $"{User}@{Host}" : $"{User}@{Host}:{Port}";
}
