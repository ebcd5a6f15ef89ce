using System.Net;
using Failover.Monitors.Dns;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>dns: { server: 127.0.0.1, query: www.example.test, expect: 192.0.2.10 }</c>: one query over
/// UDP (TCP when truncated); healthy = NOERROR, and the expected address and AA flag when asked for.
/// </summary>
internal static class DnsProbeBinder
{
    public const string Kind = "dns";
    public static readonly string[] Keys = ["server", "port", "query", "type", "expect", "authoritative", "recursion"];

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var server = map.Required("server") is { } s ? read.Ipv4(s, "dns server must be an IPv4 address") : null;
        var port = map.Optional("port") is { } p ? read.Port(p, "dns port") : 53;
        var query = map.Required("query") is { } q
            ? read.Text(q, "dns query must be a host name, e.g. www.example.test", IsHostName)
            : null;
        var type = map.Optional("type") is { } t
            ? read.Text(t, "dns type must be one of A, AAAA, NS, MX, SOA, CNAME, PTR, TXT", v => Enum.TryParse<DnsType>(v, true, out _))
            : "A";
        var expectNode = map.Optional("expect");
        var expect = expectNode is null ? null : read.Ipv4(expectNode, "dns expect must be an IPv4 address");
        var authoritative = map.Optional("authoritative") is { } a ? read.Boolean(a, "dns authoritative must be true or false") : false;
        var recursion = map.Optional("recursion") is { } r ? read.Boolean(r, "dns recursion must be true or false") : true;
        if (server is null || (expectNode is not null && expect is null) || port is null || query is null || type is null || authoritative is null || recursion is null)
            return null;
        return new DnsProbeSpec(new DnsProbeOptions
        {
            Server = new IPEndPoint(server, port.Value),
            Query = query,
            Type = Enum.Parse<DnsType>(type, ignoreCase: true),
            ExpectedAddress = expect,
            RequireAuthoritative = authoritative.Value,
            RecursionDesired = recursion.Value,
            // A little below the runner's deadline, so a silent server is reported with the probe's detail.
            Timeout = timeout * 0.9,
        });
    }

    internal static bool IsHostName(string name) =>
        name.Length is > 0 and <= 253 && name.TrimEnd('.').Split('.').All(label =>
            label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}
