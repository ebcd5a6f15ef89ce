using System.Runtime.InteropServices;
using Failover.Daemon.Config;
using Failover.Daemon.Journal;
using Failover.Daemon.Runtime;
using Failover.Daemon.Systemd;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon;

/// <summary>failoverd's command line: run in the foreground, or check a configuration file.</summary>
public static partial class DaemonCommand
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitConfig = 78; // EX_CONFIG

    private const string Usage = """
        Usage: failoverd --config FILE          run in the foreground (systemd Type=notify)
               failoverd --check-config FILE    validate FILE: exit 0, or 78 listing every error as FILE:LINE:COL
               failoverd --remote FILE -- ARGV...  run ARGV on the peer over FILE's ssh: settings; print its output,
                                                exit with its status (255: no ssh session, 124: command_timeout)
               failoverd --help | --version

        Exit codes: 0 ok, 1 runtime failure (the daemon could not start or stopped on an error),
        2 usage, 78 configuration error (EX_CONFIG: --config or --check-config FILE has errors).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["--help" or "-h"]:
                stdout.WriteLine(Usage);
                return ExitOk;
            case ["--version"]:
                stdout.WriteLine($"failoverd {FailoverDaemon.Version}");
                return ExitOk;
            case ["--check-config", var path]:
                return CheckConfigCommand.Run(path, stdout, stderr);
            case ["--remote", var path, "--", .. var argv] when argv.Length > 0:
                return await RemoteCommand.RunAsync(path, argv, stdout, stderr).ConfigureAwait(false);
            case ["--config", var path]:
                return await ServeAsync(path, stderr).ConfigureAwait(false);
            default:
                stderr.WriteLine(Usage);
                return ExitUsage;
        }
    }

    /// <summary>The peer is reached over the system ssh with the ssh: settings; none without them.</summary>
    private static Failover.Remote.IRemoteRunner? OverSsh(FailoverConfig config) =>
        config.Ssh is { } ssh ? new Failover.Remote.Ssh.SshRunner(ssh, TimeProvider.System) : null;

    private static async Task<int> ServeAsync(string path, TextWriter stderr)
    {
        var loaded = ConfigLoader.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
                stderr.WriteLine(error);
            return ExitConfig;
        }
        var config = loaded.Config!;
        // The journal records what the components log (JournalRoutes), and logs its own trouble through the same factory.
        var journaling = new JournalLoggerProvider();
        using var loggers = LoggerFactory.Create(logging =>
        {
            DaemonLogging.Configure(logging);
            logging.AddProvider(journaling);
        });
        using var journal = EventJournal.Open(config.StateDir, TimeProvider.System, loggers.CreateLogger("failoverd.journal"));
        journaling.Attach(journal);
        var logger = loggers.CreateLogger("failoverd");
        using var notifier = new SystemdNotifier();

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; ReloadNotSupported(logger); });

        FailoverDaemon daemon;
        try
        {
            daemon = await FailoverDaemon.StartAsync(config, TimeProvider.System, loggers, OverSsh(config), journal).ConfigureAwait(false);
        }
        catch (StartupException e)
        {
            StartFailed(logger, e.Message);
            return ExitFailure;
        }
        Started(logger, FailoverDaemon.Version, config.Node.Name, config.Groups.Count, config.Control.Socket);
        notifier.Ready($"{config.Groups.Count} group(s) running");
        using var watchdog = StartWatchdog(daemon, notifier);

        await stop.Task.ConfigureAwait(false);
        notifier.Stopping();
        await daemon.DisposeAsync().ConfigureAwait(false);
        Stopped(logger);
        return ExitOk;
    }

    /// <summary>
    /// Pings systemd's watchdog only while every group answers a status request, which takes the
    /// group's lock: a wedged protocol loop stops the pings and systemd restarts us.
    /// </summary>
    private static ITimer? StartWatchdog(FailoverDaemon daemon, SystemdNotifier notifier)
    {
        if (SystemdNotifier.WatchdogPingInterval() is not { } interval)
            return null;
        return TimeProvider.System.CreateTimer(_ =>
        {
            foreach (var group in daemon.Groups)
                _ = group.Status();
            notifier.WatchdogPing();
        }, null, TimeSpan.Zero, interval);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "failoverd {Version} started as node {Node}: {Groups} group(s), control socket {Socket}")]
    private static partial void Started(ILogger logger, string version, string node, int groups, string socket);

    [LoggerMessage(EventId = 101, Level = LogLevel.Critical, Message = "{Error}")]
    private static partial void StartFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "stopped")]
    private static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "SIGHUP ignored: configuration reload is not supported yet; restart the service to apply changes")]
    private static partial void ReloadNotSupported(ILogger logger);
}
