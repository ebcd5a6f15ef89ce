namespace Failover.Daemon.Journal;

/// <summary>Reading: from the newest events in memory when they answer the query, else from the files.</summary>
public sealed partial class EventJournal
{
    public IReadOnlyList<JournalEvent> Read(DateTimeOffset? since = null, string? group = null, long afterSeq = 0, int max = 10_000)
    {
        var query = new JournalQuery(since, group, afterSeq, max);
        var files = new List<FileStream>();
        lock (_lock)
        {
            // The newest events are in memory: when they answer the query (a follower, the status page's last
            // few), no file is read.
            var recent = query.Take(_recent.ToArray());
            if (recent.Count >= query.Max || CoveredByRecent(query))
                return recent;
            // Opened under the lock, read outside it: no rotation between opening one file and the next,
            // and a file renamed afterwards is still read through its handle.
            foreach (var path in _files.OldestFirst().Reverse())
            {
                if (JournalFileReader.OpenOrNull(path) is { } file)
                    files.Add(file);
            }
        }
        try
        {
            return query.Take(FromFiles(query, files));
        }
        catch (IOException)
        {
            lock (_lock)
                return query.Take(_recent.ToArray());
        }
        finally
        {
            foreach (var file in files)
                file.Dispose();
        }
    }

    /// <summary>The matching events of <paramref name="newestFirst"/>, oldest first; stops at the file that holds
    /// enough, or whose first event is older than the query reaches.</summary>
    private static IEnumerable<JournalEvent> FromFiles(JournalQuery query, List<FileStream> newestFirst)
    {
        var chunks = new List<List<JournalEvent>>();
        int found = 0;
        foreach (var file in newestFirst)
        {
            var events = JournalFileReader.All(file);
            var matching = events.Where(query.Matches).ToList();
            chunks.Add(matching);
            found += matching.Count;
            if (found >= query.Max || events.Count > 0 && query.NothingMatchesBefore(events[0]))
                break;
        }
        chunks.Reverse();
        return chunks.SelectMany(c => c);
    }

    /// <summary>True when no event older than those in memory can match: the files need not be read.</summary>
    private bool CoveredByRecent(JournalQuery query)
    {
        if (_recentIsAll || _recent.Count == 0 && _lastSeq == 0)
            return true;
        if (_recent.Count == 0)
            return query.AfterSeq >= _lastSeq;
        var oldest = _recent.Peek();
        return query.AfterSeq >= oldest.Seq - 1 || query.Since is { } since && oldest.At < since;
    }
}
