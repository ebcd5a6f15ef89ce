using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Failover.Daemon.Config;

/// <summary>A virtual IPv4 address with the prefix length it is added with (<c>ip addr add a.b.c.d/n</c>).</summary>
public sealed record VipAddress(IPAddress Address, int PrefixLength)
{
    /// <summary>Parses <c>a.b.c.d</c> (taken as /32) or <c>a.b.c.d/n</c> with n from 1 to 32.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out VipAddress? vip)
    {
        vip = null;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        var prefix = 32;
        if (slash >= 0 && !TryParsePrefix(text[(slash + 1)..], out prefix))
            return false;
        if (!Ipv4Text.TryParse(addressText, out var address))
            return false;
        vip = new VipAddress(address, prefix);
        return true;
    }

    public override string ToString() => $"{Address}/{PrefixLength}";

    private static bool TryParsePrefix(string text, out int prefix)
    {
        prefix = 0;
        return text.Length is 1 or 2 && text.All(char.IsAsciiDigit) && text[0] != '0'
            && int.TryParse(text, out prefix) && prefix is >= 1 and <= 32;
    }
}
