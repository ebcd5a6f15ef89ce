namespace Failover.LinkWatch;

/// <summary>The settled (debounced) link state of interfaces, and changes to it, as a group consumes them.</summary>
public interface ILinkWatch
{
    /// <summary>The settled state of a watched interface.</summary>
    bool IsUp(string interfaceName);

    /// <summary>Calls <paramref name="onChange"/> with the new state on every settled change, until disposed.</summary>
    IDisposable Subscribe(string interfaceName, Action<bool> onChange);
}
