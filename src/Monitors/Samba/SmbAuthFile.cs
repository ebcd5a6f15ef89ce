namespace Failover.Monitors.Samba;

/// <summary>
/// What an smbclient authentication file (<c>smbclient -A FILE</c>) says, as smbclient reads it: lines
/// <c>username = NAME</c>, <c>password = SECRET</c> and optionally <c>domain = NAME</c>, the first '='
/// splitting key from value, keys in any case, blanks around both ignored. The password itself is never kept.
/// </summary>
/// <param name="User">The user name (the part of the username line before any '%').</param>
/// <param name="Domain">The domain line's value, or null.</param>
public sealed record SmbAuthFile(string User, string? Domain)
{
    /// <summary>How reasons name the account: <c>probe</c> or <c>EXAMPLE\probe</c>.</summary>
    public string Account => Domain is { Length: > 0 } domain ? $"{domain}\\{User}" : User;

    /// <summary>Reads the file's text; false with a problem when smbclient would log on without a user or
    /// password (it would then send an empty password or fall back to the Unix login name).</summary>
    public static bool TryParse(string text, out SmbAuthFile? file, out string problem)
    {
        file = null;
        string? user = null;
        string? domain = null;
        var hasPassword = false;
        foreach (var raw in text.Split('\n'))
        {
            var equals = raw.IndexOf('=');
            if (equals < 0)
                continue;
            var key = raw[..equals].Trim().ToLowerInvariant(); // smbclient compares keys ignoring case
            var value = raw[(equals + 1)..].Trim();
            switch (key)
            {
                case "username":
                    // smbclient also takes "user%password" here.
                    var percent = value.IndexOf('%');
                    user = percent < 0 ? value : value[..percent];
                    hasPassword |= percent >= 0 && percent < value.Length - 1;
                    break;
                case "password":
                    hasPassword = value.Length > 0;
                    break;
                case "domain":
                    domain = value;
                    break;
            }
        }
        problem = user is not { Length: > 0 } ? "has no 'username = NAME' line"
            : !hasPassword ? "has no 'password = SECRET' line"
            : "";
        if (problem.Length > 0)
            return false;
        file = new SmbAuthFile(user!, domain);
        return true;
    }
}
