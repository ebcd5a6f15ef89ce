using Failover.Remote.Sync;

namespace Failover.Remote.Tests;

public sealed class ItemizeParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void A_first_push_lists_each_created_item_and_skips_the_mkpath_note()
    {
        var changes = ItemizeParser.Parse(Fixture("rsync-itemize-first-push.txt"));
        Assert.Equal(["f1", "link", "sub/", "sub/with space"], changes.Select(c => c.Path));
        Assert.All(changes, c => Assert.Equal("created", c.Kind));
        Assert.Equal(">f+++++++++", changes[0].Code);
        Assert.Equal("cL+++++++++", changes[1].Code);
    }

    [Fact]
    public void Deletions_content_and_attribute_changes_are_told_apart()
    {
        var changes = ItemizeParser.Parse(Fixture("rsync-itemize-delete-dry-run.txt"));
        Assert.Equal(
            [("*deleting", "extra", "deleted"), (">f.s.......", "f1", "updated"), (".f...p.....", "sub/with space", "attributes")],
            changes.Select(c => (c.Code, c.Path, c.Kind)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("created 2 directories for /srv/x")]
    [InlineData("sending incremental file list")]
    [InlineData("total size is 1,234  speedup is 1.00 (DRY RUN)")]
    [InlineData(">f+++++++++")]
    [InlineData("zf+++++++++ name")]
    [InlineData("*deleting   ")]
    public void Lines_that_are_not_itemized_changes_are_skipped(string line) => Assert.Null(ItemizeParser.TryParse(line));

    [Fact]
    public void A_name_with_leading_spaces_is_kept_whole() =>
        Assert.Equal("  odd", ItemizeParser.TryParse(">f+++++++++   odd")!.Path);
}
