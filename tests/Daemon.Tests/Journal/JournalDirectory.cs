using Failover.Carp.Tests.Support;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Tests.Journal;

/// <summary>A scratch state_dir and a manual clock for journals opened in it.</summary>
internal sealed class JournalDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("failover-journal-").FullName;

    public ManualTimeProvider Clock { get; } = new();

    public string File(string name = JournalFiles.FileName) => System.IO.Path.Combine(Path, name);

    public EventJournal Open(JournalLimits? limits = null) => EventJournal.Open(Path, Clock, limits: limits);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
