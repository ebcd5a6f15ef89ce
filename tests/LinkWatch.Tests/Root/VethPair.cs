using System.Diagnostics;
using System.Security.Cryptography;

namespace Failover.LinkWatch.Tests.Root;

/// <summary>
/// A veth pair in the root namespace, named <c>fxlA</c>/<c>fxlB</c> + 6 random hex digits so parallel runs
/// never collide. No addresses and no IPv6 link-local (addrgenmode none), so nothing is ever sent on it.
/// Taking <see cref="Peer"/> down drops the carrier of <see cref="Watched"/>, as pulling a cable would.
/// Dispose deletes both ends, whatever state the test left them in.
/// </summary>
internal sealed class VethPair : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private VethPair(string suffix)
    {
        Watched = "fxlA" + suffix;
        Peer = "fxlB" + suffix;
    }

    public string Watched { get; }

    public string Peer { get; }

    /// <summary>When the last <see cref="Ip"/> command started and ended (Stopwatch timestamps).</summary>
    public (long Started, long Ended) LastCommand { get; private set; }

    public static VethPair Create(bool peerUp = true)
    {
        var pair = new VethPair(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        try
        {
            pair.Make(peerUp);
        }
        catch
        {
            pair.Dispose();
            throw;
        }
        return pair;
    }

    /// <summary>Creates the pair again under the same names (new ifindexes), e.g. after <see cref="Delete"/>.</summary>
    public void Make(bool peerUp = true)
    {
        Ip("link", "add", Watched, "type", "veth", "peer", "name", Peer);
        // Before any end is up: no link-local address, so no router solicitation or DAD ever goes out.
        Ip("link", "set", Watched, "addrgenmode", "none");
        Ip("link", "set", Peer, "addrgenmode", "none");
        Ip("link", "set", Watched, "up");
        if (peerUp)
            Ip("link", "set", Peer, "up");
    }

    public void SetPeer(bool up) => Ip("link", "set", Peer, up ? "up" : "down");

    public void Delete() => Ip("link", "del", Watched);

    public static bool Exists(string name) => Directory.Exists($"/sys/class/net/{name}");

    public void Ip(params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ip");
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new TimeoutException($"ip {string.Join(' ', args)} hung");
        }
        LastCommand = (started, Stopwatch.GetTimestamp());
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)} exited {process.ExitCode}: {error.Result.Trim()}");
    }

    public void Dispose()
    {
        try
        {
            // Deleting either end deletes both; the watched end may have been renamed by the test.
            if (Exists(Watched))
                Ip("link", "del", Watched);
            else if (Exists(Peer))
                Ip("link", "del", Peer);
        }
        catch (InvalidOperationException)
        {
            // Already gone (the test deleted it): nothing to clean.
        }
    }
}
