using Failover.Rules.Language;

namespace Failover.Daemon.Config;

/// <summary>Finds the known key an unknown one was probably meant to be ("advskw" → "advskew").</summary>
internal static class KeySuggestion
{
    public static string? Closest(string unknown, IEnumerable<string> known) => NameSuggestion.Closest(unknown, known);
}
