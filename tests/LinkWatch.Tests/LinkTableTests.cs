using Failover.LinkWatch.Tests.Support;

namespace Failover.LinkWatch.Tests;

/// <summary>From kernel reports (by index) to the raw state of watched names: renames, deletes, dumps.</summary>
public sealed class LinkTableTests
{
    private readonly LinkTable _table = new(["wan0", "wan1", "wan9", "peer0"]);

    [Fact]
    public void The_captured_veth_session_gives_the_raw_states_in_order()
    {
        var states = CapturedBuffer.Load("veth-events.txt")
            .SelectMany(b => LinkMessage.Parse(b.Bytes, 0).Reports)
            .SelectMany(_table.Apply)
            .Select(s => $"{s.Name}:{(s.Up ? "up" : "down")}");

        Assert.Equal(
            [
                "wan0:up", "wan0:up", "peer0:up", "peer0:down", "wan0:down", "peer0:up", "peer0:up", "wan0:up",
                "wan0:down", "peer0:down",
                "wan0:down", "wan9:down", // the rename: wan0 is gone, wan9 is what index 3 now is
                "peer0:down", "wan9:down", "peer0:down",
            ],
            states);
    }

    [Fact]
    public void Interfaces_not_watched_give_nothing()
    {
        Assert.Empty(_table.Apply(new LinkReport(1, "lo", true, "unknown")));
        Assert.Empty(_table.Apply(new LinkReport(8, "eth7", false, "down")));
    }

    [Fact]
    public void Renaming_a_watched_interface_away_takes_it_down()
    {
        _table.Apply(new LinkReport(3, "wan0", true, "up"));

        Assert.Equal([new LinkState("wan0", false)], _table.Apply(new LinkReport(3, "other", true, "up")));
    }

    [Fact]
    public void Renaming_an_interface_to_a_watched_name_tracks_it()
    {
        _table.Apply(new LinkReport(5, "new0", true, "up"));

        Assert.Equal([new LinkState("wan1", true)], _table.Apply(new LinkReport(5, "wan1", true, "up")));
    }

    [Fact]
    public void A_deleted_interface_is_down_and_its_index_forgotten()
    {
        _table.Apply(new LinkReport(3, "wan0", true, "up"));

        Assert.Equal([new LinkState("wan0", false)], _table.Apply(new LinkReport(3, "wan0", false, "down") { Deleted = true }));
        Assert.Equal([new LinkState("wan0", true)], _table.Apply(new LinkReport(7, "wan0", true, "up")));
        // The kernel may hand index 3 to another interface; that says nothing about wan0 (now index 7).
        Assert.Empty(_table.Apply(new LinkReport(3, "veth3", true, "up")));
    }

    [Fact]
    public void A_name_back_under_a_new_index_drops_the_old_index_even_if_its_deletion_was_missed()
    {
        _table.Apply(new LinkReport(3, "wan0", true, "up"));
        _table.Apply(new LinkReport(7, "wan0", true, "up"));

        Assert.Empty(_table.Apply(new LinkReport(3, "veth3", true, "up")));
    }

    [Fact]
    public void A_dump_takes_down_every_watched_interface_it_did_not_mention()
    {
        _table.Apply(new LinkReport(3, "wan0", true, "up"));
        _table.Apply(new LinkReport(4, "wan1", true, "up"));

        _table.BeginDump();
        _table.Apply(new LinkReport(3, "wan0", true, "up"));
        Assert.Equal([new LinkState("wan1", false)], _table.EndDump());

        // Index 4 is forgotten: whatever has it next is not wan1.
        Assert.Empty(_table.Apply(new LinkReport(4, "veth4", true, "up")));
    }

    [Fact]
    public void A_notice_arriving_during_a_dump_counts_as_mentioned()
    {
        _table.BeginDump();
        _table.Apply(new LinkReport(6, "wan1", true, "up"));

        Assert.Empty(_table.EndDump());
    }

    [Fact]
    public void Ending_a_dump_that_never_began_changes_nothing()
    {
        _table.Apply(new LinkReport(3, "wan0", true, "up"));

        Assert.Empty(_table.EndDump());
        // Index 3 is still known as wan0.
        Assert.Equal([new LinkState("wan0", false)], _table.Apply(new LinkReport(3, "other", true, "up")));
    }
}
