using Failover.LinkWatch;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>A link watch whose settled state the test sets; subscribers hear it at once.</summary>
internal sealed class FakeLinkWatch : ILinkWatch
{
    private readonly Dictionary<string, bool> _up = [];
    private readonly List<(string Name, Action<bool> OnChange)> _subscribers = [];

    public bool IsUp(string interfaceName) => _up.GetValueOrDefault(interfaceName, true);

    public IDisposable Subscribe(string interfaceName, Action<bool> onChange)
    {
        var subscription = (interfaceName, onChange);
        _subscribers.Add(subscription);
        return new Unsubscriber(() => _subscribers.Remove(subscription));
    }

    public void Set(string interfaceName, bool up)
    {
        _up[interfaceName] = up;
        foreach (var (name, onChange) in _subscribers.ToArray())
        {
            if (name == interfaceName)
                onChange(up);
        }
    }

    public int Subscribers => _subscribers.Count;

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
