namespace Failover.Ctl.Events;

/// <summary>`failoverctl events [--since TIME] [--group G] [--follow] [--json]`, options in any order.</summary>
public sealed record EventsOptions(DateTimeOffset? Since, string? Group, bool Follow, bool Json)
{
    /// <summary>The options, or the usage error to print.</summary>
    public static (EventsOptions? Options, string? Error) Parse(IReadOnlyList<string> args, DateTimeOffset now, TimeZoneInfo local)
    {
        DateTimeOffset? since = null;
        string? group = null;
        bool follow = false, json = false, sinceGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--since" when i + 1 < args.Count && !sinceGiven:
                    sinceGiven = true;
                    var text = args[++i];
                    since = EventTime.Parse(text, now, local);
                    if (since is null)
                        return (null, $"cannot read --since '{text}': say {EventTime.Forms}");
                    break;
                case "--group" when i + 1 < args.Count && group is null && !args[i + 1].StartsWith('-'):
                    group = args[++i];
                    break;
                case "--follow" or "-f" when !follow:
                    follow = true;
                    break;
                case "--json" when !json:
                    json = true;
                    break;
                case "--since" or "--group":
                    return (null, $"{args[i]} wants one value");
                default:
                    return (null, $"events: unexpected '{args[i]}'");
            }
        }
        return (new EventsOptions(since, group, follow, json), null);
    }
}
