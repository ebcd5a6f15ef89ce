using Failover.Ctl.Events;

namespace Failover.Ctl.Tests.Events;

public sealed class EventsOptionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 14, 30, 0, TimeSpan.Zero);

    private static (EventsOptions? Options, string? Error) Parse(string commandLine) =>
        EventsOptions.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), Now, TimeZoneInfo.Utc);

    [Fact]
    public void Options_come_in_any_order()
    {
        Assert.Equal(new EventsOptions(Now - TimeSpan.FromMinutes(10), "dns", true, true), Parse("--json --group dns -f --since 10m").Options);
        Assert.Equal(new EventsOptions(null, null, false, false), Parse("").Options);
    }

    [Theory]
    [InlineData("--since", "--since wants one value")]
    [InlineData("--since soon", "cannot read --since 'soon': say an ISO-8601 time")]
    [InlineData("--group", "--group wants one value")]
    [InlineData("--group --json", "--group wants one value")]
    [InlineData("--json --json", "events: unexpected '--json'")]
    [InlineData("dns", "events: unexpected 'dns'")]
    [InlineData("--since 1h --since 2h", "--since wants one value")]
    public void Bad_options_say_what_is_wrong(string commandLine, string error)
    {
        var (options, message) = Parse(commandLine);
        Assert.Null(options);
        Assert.StartsWith(error, message);
    }
}
