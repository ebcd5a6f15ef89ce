namespace Failover.Remote;

/// <summary>
/// Runs one command on the peer: an argv array, never a string for a remote shell to split (the runner quotes each
/// word for the remote side). Implemented over the system OpenSSH client (<c>ssh</c>), so the admins' keys,
/// known_hosts and ssh_config keep working; tests give a fake.
/// </summary>
public interface IRemoteRunner
{
    /// <summary>The peer as the log and mails name it ("root@192.0.2.2").</summary>
    string Target { get; }

    /// <summary>Runs <paramref name="argv"/> on the peer; a timeout kills the local ssh (and so the session).
    /// Never throws for the remote command's failure or a connection failure: see <see cref="RemoteResult"/>.</summary>
    Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken);
}
