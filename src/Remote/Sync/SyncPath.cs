namespace Failover.Remote.Sync;

/// <summary>One tree or file pushed to the peer: <paramref name="Source"/> here becomes <paramref name="Dest"/> there
/// (the same path unless the site maps it). A trailing '/' means "the directory's content", as in rsync.</summary>
public sealed record SyncPath(string Source, string Dest);
