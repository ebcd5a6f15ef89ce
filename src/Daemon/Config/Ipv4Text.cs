using System.Net;

namespace Failover.Daemon.Config;

/// <summary>
/// Strict dotted-quad IPv4: <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes "10.1",
/// "10" or octal-looking parts, which in a configuration file are almost always typos.
/// </summary>
internal static class Ipv4Text
{
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var parts = text.Split('.');
        if (parts.Length != 4)
            return false;

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is < 1 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
                return false;
            var value = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255)
                return false;
            bytes[i] = (byte)value;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>An address a node can own: not 0.0.0.0, loopback, multicast, or the limited broadcast.</summary>
    public static bool IsUnicast(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[0] is not 0 and not 127 and < 224;
    }
}
