using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Failover.Mail.Smtp;

/// <summary>
/// The I/O shell of one SMTP connection: sends command lines, reads replies through
/// <see cref="SmtpReplyParser"/>, and puts the relay's deadline on every connect, read and write.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private readonly SmtpRelayOptions _options;
    private readonly Socket _socket;
    private Stream _stream;
    private byte[] _buffer = new byte[4096];
    private int _filled;

    private SmtpSession(SmtpRelayOptions options, Socket socket)
    {
        _options = options;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public bool IsEncrypted => _stream is SslStream;

    public static async Task<SmtpSession> ConnectAsync(SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = Deadline(options, cancellationToken);
            await socket.ConnectAsync(options.Host, options.Port, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var why = e is SocketException s ? s.Message : $"no answer within {options.Timeout.TotalSeconds:0.#} s";
            throw new SmtpDeliveryException($"relay {options.Endpoint}: cannot connect: {why}", inner: e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new SmtpSession(options, socket);
    }

    public async Task StartTlsAsync(ServerCertificateCheck check, CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            // Bytes after the STARTTLS reply would be read as if they came through TLS (command injection).
            throw new SmtpDeliveryException($"relay {_options.Endpoint} sent data before the TLS handshake");
        }
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, (_, c, ch, e) => check.Validate(c, ch, e));
        try
        {
            using var deadline = Deadline(_options, cancellationToken);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = _options.TlsServerName ?? _options.Host,
            }, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            var why = check.LastRefusal ?? (e is OperationCanceledException
                ? $"no answer within {_options.Timeout.TotalSeconds:0.#} s" : e.Message);
            throw new SmtpDeliveryException($"relay {_options.Endpoint}: TLS handshake failed: {why}", inner: e);
        }
        _stream = ssl;
    }

    public async Task<SmtpReply> CommandAsync(string line, string what, CancellationToken cancellationToken)
    {
        await WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), what, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(what, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, string what, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(_options, cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, deadline.Token).ConfigureAwait(false);
            await _stream.FlushAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(what, e is OperationCanceledException ? "timed out sending" : $"connection lost sending: {e.Message}", e);
        }
    }

    /// <summary>Reads one whole reply; <paramref name="what"/> ("greeting", "RCPT &lt;x&gt;") names it in errors.</summary>
    public async Task<SmtpReply> ReadReplyAsync(string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            SmtpReply? reply;
            int consumed;
            try
            {
                if (SmtpReplyParser.TryParse(_buffer.AsSpan(0, _filled), out reply, out consumed))
                {
                    Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled - consumed);
                    _filled -= consumed;
                    return reply!;
                }
            }
            catch (SmtpProtocolException e)
            {
                throw Failure(what, $"not SMTP: {e.Message}", e);
            }
            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            int read;
            using (var deadline = Deadline(_options, cancellationToken))
            {
                try
                {
                    read = await _stream.ReadAsync(_buffer.AsMemory(_filled), deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException
                                          && !cancellationToken.IsCancellationRequested)
                {
                    throw Failure(what, e is OperationCanceledException
                        ? $"no reply within {_options.Timeout.TotalSeconds:0.#} s"
                        : $"connection lost: {e.Message}", e);
                }
            }
            if (read == 0)
            {
                throw Failure(what, _filled == 0 ? "connection closed" : "connection closed in the middle of a reply");
            }
            _filled += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private SmtpDeliveryException Failure(string what, string why, Exception inner) =>
        new($"relay {_options.Endpoint}: {what}: {why}", inner: inner);

    private SmtpDeliveryException Failure(string what, string why) => new($"relay {_options.Endpoint}: {what}: {why}");

    private static CancellationTokenSource Deadline(SmtpRelayOptions options, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(options.Timeout);
        return source;
    }
}
