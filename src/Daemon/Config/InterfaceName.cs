namespace Failover.Daemon.Config;

/// <summary>The kernel's rules for a network device name (IFNAMSIZ 16 with the NUL; dev_valid_name).</summary>
internal static class InterfaceName
{
    public const string Rule = "a network interface name (1 to 15 characters, no '/', ':' or spaces)";

    public static bool IsValid(string s) =>
        s.Length is >= 1 and <= 15 && s is not "." and not ".." && !s.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || char.IsControl(c));
}
