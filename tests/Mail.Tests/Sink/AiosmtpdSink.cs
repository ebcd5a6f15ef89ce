using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Failover.Mail.Tests.Sink;

/// <summary>A real SMTP server (aiosmtpd, through smtp-sink.py) on 127.0.0.1, storing what it accepts in
/// a temp directory. It can be stopped and started again on the same port (a relay that goes away).</summary>
public sealed class AiosmtpdSink : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(FindMissing);
    private readonly string[] _extra;
    private Process? _process;

    public AiosmtpdSink(params string[] extraArguments)
    {
        _extra = extraArguments;
        Directory = System.IO.Directory.CreateTempSubdirectory("failover-sink-").FullName;
        Port = FreePort();
    }

    public int Port { get; }

    public string Directory { get; }

    public static string? MissingReason() => Missing.Value;

    public AiosmtpdSink Start()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sink", "smtp-sink.py"));
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Directory }.Concat(_extra))
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
        {
            Stop();
            throw new InvalidOperationException("smtp-sink.py did not become ready");
        }
        return this;
    }

    public void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Messages received so far, oldest first, as the sink stored them.</summary>
    public IReadOnlyList<string> Messages() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    public void Dispose()
    {
        Stop();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} missing: apt-get install python3-aiosmtpd";
        }
        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true });
        check!.WaitForExit();
        return check.ExitCode == 0 ? null : "python module aiosmtpd missing: apt-get install python3-aiosmtpd";
    }
}
