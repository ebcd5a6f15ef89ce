using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Failover.Ctl.Import;

/// <summary>Checks of ucarp option values, each error naming the option it came from.</summary>
internal static class UcarpValues
{
    /// <summary>ucarp keeps the password and its NUL in 20 bytes; failover.yaml has the same limit.</summary>
    public const int MaxPasswordBytes = 19;

    public static int Number(string value, int min, int max, string option)
    {
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out var n) || n < min || n > max)
            throw new UcarpImportError($"{option}: '{value}' is not an integer from {min} to {max}");
        return n;
    }

    public static string Ipv4(string value, string option)
    {
        if (value.Split('.').Length != 4 || !IPAddress.TryParse(value, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
            throw new UcarpImportError($"{option}: '{value}' is not an IPv4 address (ucarp speaks IPv4 only)");
        return ip.ToString();
    }

    public static string Password(string value, string option)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes is 0 or > MaxPasswordBytes)
            throw new UcarpImportError($"{option}: the password must be 1 to {MaxPasswordBytes} bytes (it is {bytes})");
        return value;
    }

    public static string Script(string value, string option)
    {
        // failoverd runs the program itself, without a shell or PATH.
        if (!value.StartsWith('/'))
            throw new UcarpImportError($"{option}: '{value}' must be an absolute path (failoverd runs it without a shell or PATH)");
        return value;
    }

    /// <summary>A YAML double-quoted scalar: safe for any password, path or parameter.</summary>
    public static string Quoted(string text)
    {
        var s = new StringBuilder("\"");
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return s.Append('"').ToString();
    }
}
