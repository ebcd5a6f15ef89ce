using System.Net;
using System.Net.Sockets;
using Failover.Peer.Transport;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Support;

/// <summary>Two links, "a" and "b", on loopback, each reaching the other through a <see cref="CuttableProxy"/>.</summary>
internal sealed class LinkPair : IAsyncDisposable
{
    private readonly Func<PeerLinkOptions> aOptions;

    private LinkPair(PeerLink a, PeerLink b, CuttableProxy toA, CuttableProxy toB, IPEndPoint aListen, IPEndPoint bListen, Func<PeerLinkOptions> aOptions)
    {
        (A, B, ToA, ToB, AListen, BListen) = (a, b, toA, toB, aListen, bListen);
        this.aOptions = aOptions;
    }

    public PeerLink A { get; private set; }
    public PeerLink B { get; }
    public CuttableProxy ToA { get; }
    public CuttableProxy ToB { get; }
    public IPEndPoint AListen { get; }
    public IPEndPoint BListen { get; }

    public static LinkPair Start(TimeSpan interval, TimeSpan? silence = null, Action<string>? log = null)
    {
        var aListen = new IPEndPoint(IPAddress.Loopback, FreePort());
        var bListen = new IPEndPoint(IPAddress.Loopback, FreePort());
        var toA = new CuttableProxy(aListen);
        var toB = new CuttableProxy(bListen);
        PeerLinkOptions Options(string local, string peer, IPEndPoint listen, CuttableProxy to) => new()
        {
            LocalNode = local,
            PeerNode = peer,
            Key = Samples.Key,
            Listen = listen,
            Peer = to.EndPoint,
            Interval = interval,
            Silence = silence,
            ReconnectMax = TimeSpan.FromMilliseconds(300),
            Log = log is null ? null : line => log($"[{local}] {line}"),
        };
        PeerLinkOptions AOptions() => Options("a", "b", aListen, toB);
        var a = new PeerLink(AOptions());
        var b = new PeerLink(Options("b", "a", bListen, toA));
        a.Start();
        b.Start();
        return new LinkPair(a, b, toA, toB, aListen, bListen, AOptions);
    }

    /// <summary>Node a's daemon restarts: a new link, new nonces and sequence numbers, on the same port.</summary>
    public async Task RestartA()
    {
        await A.DisposeAsync();
        A = new PeerLink(aOptions());
        A.Start();
    }

    /// <summary>A port the kernel just handed out and released; loopback only, so a clash is unlikely.</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public static PeerLink Spoofer(string local, PeerKey key, IPEndPoint target, TimeProvider? time = null) => new(new PeerLinkOptions
    {
        LocalNode = local,
        PeerNode = "b",
        Key = key,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        Peer = target,
        Interval = TimeSpan.FromMilliseconds(100),
        ReconnectMax = TimeSpan.FromMilliseconds(200),
    }, time);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await ToA.DisposeAsync();
        await ToB.DisposeAsync();
    }
}
