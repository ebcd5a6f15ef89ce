using System.Text.RegularExpressions;
using Failover.Carp;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Reads state changes from a CARP speaker's output, given a pattern whose <c>state</c> group captures
/// the new state's name as the speaker spells it (MASTER, BACKUP, INIT).
/// </summary>
internal sealed class CarpStateLog(LabProcess process, Regex transition)
{
    public CarpState? Current =>
        process.Lines.Select(l => Parse(l.Text)).LastOrDefault(state => state is not null);

    public Task<LabLine> WaitFor(CarpState state, TimeSpan timeout, int startAt) =>
        process.WaitForLine(text => Parse(text) == state, $"switch to {state}", timeout, startAt);

    public CarpState? Parse(string text)
    {
        var match = transition.Match(text);
        return match.Success && Enum.TryParse<CarpState>(match.Groups["state"].Value, ignoreCase: true, out var state)
            ? state
            : null;
    }
}
