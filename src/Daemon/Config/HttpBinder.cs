using System.Globalization;
using System.Net;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds the optional top-level <c>http:</c> mapping: <c>http: { listen: 127.0.0.1:9640 }</c>. Absent: no endpoint.
/// <c>listen</c> defaults to 127.0.0.1:9640; an address without a port gets 9640. Only an address written here
/// opens the endpoint beyond this host: it has no authentication.
/// </summary>
internal static class HttpBinder
{
    private static readonly string[] Keys = ["listen"];
    private const string ListenSyntax = "http listen must be IPV4:PORT or IPV4, e.g. 127.0.0.1:9640 (0.0.0.0 for every address)";

    /// <param name="key">The <c>http</c> key when the file has one: a bare <c>http:</c> is reported, not taken as "off".</param>
    /// <returns>The endpoint's settings, or null when there is no http: section or after reporting what is wrong.</returns>
    public static HttpConfig? Bind(ConfigNode? node, ScalarNode? key, ValueReader read)
    {
        if (node is null)
        {
            if (key is not null)
                read.Report(key.Position, "http: is empty: write http: {} for the default (127.0.0.1:9640), or leave it out for no endpoint");
            return null;
        }
        var map = KeyedMapping.Open(node, "in http", Keys, "http must be a mapping, e.g. http: { listen: 127.0.0.1:9640 }", read.Errors);
        if (map is null)
            return null;
        if (map.Optional("listen") is not { } listen)
            return new HttpConfig(HttpConfig.DefaultListen);
        return read.Text(listen, ListenSyntax, text => Endpoint(text) is not null) is { } valid
            ? new HttpConfig(Endpoint(valid)!)
            : null;
    }

    /// <summary>"192.0.2.1:9640" or "192.0.2.1" (default port); null when malformed.</summary>
    internal static IPEndPoint? Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        if (!Ipv4Text.TryParse(host, out var address))
            return null;
        if (colon < 0)
            return new IPEndPoint(address, HttpConfig.DefaultPort);
        var port = text[(colon + 1)..];
        if (port.Length is < 1 or > 5 || !port.All(char.IsAsciiDigit))
            return null;
        var number = int.Parse(port, CultureInfo.InvariantCulture);
        return number is >= 1 and <= 65535 ? new IPEndPoint(address, number) : null;
    }
}
