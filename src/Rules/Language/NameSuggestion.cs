namespace Failover.Rules.Language;

/// <summary>The known name an unknown one was probably meant to be ("bnid" → "bind"), ignoring case.</summary>
public static class NameSuggestion
{
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lower = unknown.ToLowerInvariant();
        foreach (var candidate in known)
        {
            var distance = Distance(lower, candidate.ToLowerInvariant());
            if (distance < bestDistance && distance <= Tolerance(candidate))
                (best, bestDistance) = (candidate, distance);
        }
        return best;
    }

    // Short names tolerate one slip, longer ones more; beyond that a suggestion confuses more than it helps.
    private static int Tolerance(string name) => name.Length switch { <= 4 => 1, <= 8 => 2, _ => 3 };

    /// <summary>Edit distance where swapping two adjacent letters costs one (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
