using Failover.Carp.StateMachine;
using Failover.Daemon.Modes;

namespace Failover.Daemon.Tests.Modes;

public sealed class ModesFileTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 21, 40, 0, TimeSpan.Zero);
    private const string Root = "root (uid 0, pid 4242)";

    [Fact]
    public void Round_trips_every_mode_and_preference()
    {
        var modes = (NodeModes.None with { Standby = new ModeMark(Root, At), Maintenance = new ModeMark("alice (uid 1000, pid 7)", At.AddMinutes(1)) })
            .WithGroup("dns", new GroupModes(Maintenance: new ModeMark(Root, At.AddMinutes(2))))
            .WithPreference("samba", AdminPreference.StayMaster, new ModeMark(Root, At.AddMinutes(3)))
            .WithPreference("web", AdminPreference.StayBackup, new ModeMark(Root, At.AddMinutes(4)));

        var back = ModesFile.Parse(ModesFile.Format(modes));

        Assert.Equal(modes.Standby, back.Standby);
        Assert.Equal(modes.Maintenance, back.Maintenance);
        Assert.Equal(modes.Groups.Keys, back.Groups.Keys);
        Assert.All(modes.Groups, g => Assert.Equal(g.Value, back.Groups[g.Key]));
        Assert.True(back.InMaintenance("samba"));
    }

    [Fact]
    public void Writes_the_documented_shape()
    {
        var modes = (NodeModes.None with { Standby = new ModeMark(Root, At) })
            .WithPreference("samba", AdminPreference.StayMaster, new ModeMark(Root, At));

        Assert.Equal("""
            {
              "version": 1,
              "standby": {
                "set_by": "root (uid 0, pid 4242)",
                "at": "2026-11-21T21:40:00.000Z"
              },
              "groups": {
                "samba": {
                  "preference": "taken-over",
                  "preference_set": {
                    "set_by": "root (uid 0, pid 4242)",
                    "at": "2026-11-21T21:40:00.000Z"
                  }
                }
              }
            }

            """.ReplaceLineEndings("\n"), ModesFile.Format(modes));
    }

    [Fact]
    public void Clearing_a_preference_removes_a_group_with_nothing_else_set()
    {
        var modes = NodeModes.None.WithPreference("samba", AdminPreference.StayBackup, new ModeMark(Root, At))
            .WithPreference("samba", AdminPreference.None, new ModeMark(Root, At));

        Assert.Empty(modes.Groups);
        Assert.DoesNotContain("samba", ModesFile.Format(modes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"version\": 1, \"standby\": ")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"version\": 2}")]
    [InlineData("{\"version\": 1, \"standby\": {\"set_by\": \"root\"}}")]
    [InlineData("{\"version\": 1, \"standby\": true}")]
    [InlineData("{\"version\": 1, \"groups\": {\"samba\": {\"preference\": \"stay-master\"}}}")]
    public void Refuses_anything_it_did_not_write(string text)
    {
        Assert.Throws<ModesFileException>(() => ModesFile.Parse(text));
    }
}
