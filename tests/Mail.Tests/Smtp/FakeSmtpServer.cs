using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Failover.Mail.Tests.Smtp;

/// <summary>
/// A scripted SMTP peer on loopback for the failures a real relay will not produce on demand: garbage,
/// replies cut short, silence. The script gets the accepted connection; every line the client sent is
/// in <see cref="Received"/>.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public FakeSmtpServer(Func<FakeSmtpServer, Task> script)
    {
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Stream = client.GetStream();
            try
            {
                await script(this);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Received { get; } = [];

    public CancellationToken Stopping => _stop.Token;

    private NetworkStream? Stream { get; set; }

    public Task SendAsync(string text) => Stream!.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token).AsTask();

    /// <summary>Reads one CRLF line the client sent (without CRLF) and records it.</summary>
    public async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await Stream!.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("client closed");
            }
            if (one[0] == (byte)'\n')
            {
                var text = Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
                Received.Add(text);
                return text;
            }
            line.Add(one[0]);
        }
    }

    /// <summary>Answers each client line with the next reply of <paramref name="replies"/>.</summary>
    public async Task ConverseAsync(params string[] replies)
    {
        foreach (var reply in replies)
        {
            await ReadLineAsync();
            await SendAsync(reply);
        }
    }

    /// <summary>Reads the DATA lines up to the lone ".".</summary>
    public async Task ReadDataAsync()
    {
        while (await ReadLineAsync() != ".")
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
