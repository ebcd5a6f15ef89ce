using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Failover.Lab.Tests.Harness;

namespace Failover.Monitors.Tests.Samba;

/// <summary>A private smbd (<see cref="SmbdFiles"/>) on 127.0.0.1 and a free port, in a temp directory;
/// killed with its children and removed on Dispose.</summary>
internal sealed class SmbdServer : IDisposable
{
    private readonly Process _process;

    public SmbdServer()
    {
        var directory = Directory.CreateTempSubdirectory("fxs-smbd-").FullName;
        Endpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
        Files = new SmbdFiles(directory, Endpoint.Address.ToString(), Endpoint.Port);
        var start = new ProcessStartInfo(Files.Argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Files.Argv.Skip(1))
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("smbd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            WaitForPort();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IPEndPoint Endpoint { get; }

    public SmbdFiles Files { get; }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Files.Directory, recursive: true);
        }
        catch (IOException)
        {
            // leave it for /tmp cleaning
        }
    }

    private void WaitForPort()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"smbd exited with {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                client.Connect(Endpoint);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"smbd did not listen on {Endpoint} within 15 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
