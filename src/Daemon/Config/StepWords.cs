namespace Failover.Daemon.Config;

/// <summary>Checks on the names steps hand to programs as arguments.</summary>
internal static class StepWords
{
    /// <summary>A resource or unit name: one word that cannot be taken for an option.</summary>
    public static bool IsName(string s) => s.Length > 0 && s[0] != '-' && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
