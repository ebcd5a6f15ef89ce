namespace Failover.Control;

/// <summary>
/// failoverd's control protocol: over a Unix stream socket the client writes one JSON request on one
/// line, the daemon answers with one JSON response on one line and closes the connection.
/// </summary>
public static class ControlProtocol
{
    public const string DefaultSocketPath = "/run/failover/failoverd.sock";
    public const int MaxRequestBytes = 64 * 1024;
}
