using Failover.Carp.StateMachine;
using Failover.Daemon.Modes;

namespace Failover.Daemon.Tests.Modes;

public sealed class ModesBookTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 21, 40, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("modes-").FullName;

    private string FilePath => Path.Combine(_dir, ModesBook.FileName);

    [Fact]
    public void No_file_is_no_mode()
    {
        var (_, modes, error) = ModesBook.Open(_dir, At);

        Assert.Null(error);
        Assert.Null(modes.Standby);
        Assert.Empty(modes.Groups);
    }

    [Fact]
    public void What_is_saved_is_what_the_next_start_reads_and_no_temporary_file_is_left()
    {
        var (book, _, _) = ModesBook.Open(_dir, At);
        var saved = (NodeModes.None with { Maintenance = new ModeMark("root (uid 0, pid 1)", At) })
            .WithPreference("dns", AdminPreference.StayMaster, new ModeMark("root (uid 0, pid 2)", At));

        book.Save(saved);
        var (_, read, error) = ModesBook.Open(_dir, At.AddHours(1));

        Assert.Null(error);
        Assert.Equal(saved.Maintenance, read.Maintenance);
        Assert.Equal(AdminPreference.StayMaster, read.Of("dns").Preference);
        Assert.Equal([ModesBook.FileName], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_corrupt_file_starts_the_node_in_standby_keeps_the_bad_file_and_writes_the_standby()
    {
        File.WriteAllText(FilePath, "{\"version\": 1, \"standby\": {\"set_by\": ");

        var (_, modes, error) = ModesBook.Open(_dir, At);

        Assert.NotNull(error);
        Assert.Contains(FilePath, error);
        Assert.Equal(new ModeMark("failoverd (modes.json unreadable at start)", At), modes.Standby);
        Assert.Equal("{\"version\": 1, \"standby\": {\"set_by\": ", File.ReadAllText(FilePath + ".corrupt"));
        var (_, again, secondError) = ModesBook.Open(_dir, At.AddMinutes(1));
        Assert.Null(secondError);
        Assert.Equal(modes.Standby, again.Standby);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
