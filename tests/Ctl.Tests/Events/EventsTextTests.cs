using Failover.Control;
using Failover.Ctl.Events;

namespace Failover.Ctl.Tests.Events;

public sealed class EventsTextTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET");

    private static readonly EventReport Transition = new(7, new DateTimeOffset(2026, 11, 21, 14, 30, 5, 123, TimeSpan.Zero), "transition", "dns",
        "BACKUP -> MASTER (no advertisement for 3.195s)", new Dictionary<string, string> { ["from"] = "BACKUP", ["to"] = "MASTER" });

    [Fact]
    public void A_line_has_local_time_group_kind_and_text_in_columns()
    {
        Assert.Equal("2026-11-21 15:30:05.123  dns         transition   BACKUP -> MASTER (no advertisement for 3.195s)",
            EventsText.Line(Transition, Berlin));
        Assert.Equal("2026-11-21 15:30:05.123  -           daemon       stopped",
            EventsText.Line(Transition with { Group = null, Kind = "daemon", Text = "stopped" }, Berlin));
    }

    [Fact]
    public void Json_is_one_line_with_the_fields()
    {
        Assert.Equal("""{"seq":7,"at":"2026-11-21T14:30:05.123Z","kind":"transition","group":"dns","text":"BACKUP -> MASTER (no advertisement for 3.195s)","fields":{"from":"BACKUP","to":"MASTER"}}""",
            EventsText.Json(Transition));
        Assert.Contains("\"group\":null", EventsText.Json(Transition with { Group = null }));
    }
}
