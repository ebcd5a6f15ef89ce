using System.Text;

namespace Failover.Monitors.Processes;

/// <summary>
/// Cuts a byte stream fed in chunks into '\n'-terminated UTF-8 lines (a trailing '\r' removed), never holding more
/// than one line's worth: a line longer than the cap is dropped whole and counted, since a truncated
/// <c>key:value</c> line would read as a different state. A last line without '\n' waits for more bytes (or is
/// taken by <see cref="TakeRest"/> at the end of the stream).
/// </summary>
internal sealed class BoundedLineSplitter
{
    private readonly byte[] _line;
    private int _length;
    private bool _dropping;

    public BoundedLineSplitter(int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _line = new byte[maxLineBytes];
    }

    /// <summary>Lines dropped for being longer than the cap.</summary>
    public long Overlong { get; private set; }

    /// <summary>Adds <paramref name="data"/> and appends every line it completes to <paramref name="lines"/>.</summary>
    public void Feed(ReadOnlySpan<byte> data, List<string> lines)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var part = newline < 0 ? data : data[..newline];
            if (!_dropping && _length + part.Length > _line.Length)
            {
                _dropping = true;
                Overlong++;
            }
            if (!_dropping)
            {
                part.CopyTo(_line.AsSpan(_length));
                _length += part.Length;
            }
            if (newline < 0) return;
            if (!_dropping)
            {
                var end = _length > 0 && _line[_length - 1] == '\r' ? _length - 1 : _length;
                lines.Add(Encoding.UTF8.GetString(_line, 0, end));
            }
            _length = 0;
            _dropping = false;
            data = data[(newline + 1)..];
        }
    }

    /// <summary>The unterminated line held so far (null if none, or if it is being dropped), and forgets it.</summary>
    public string? TakeRest()
    {
        var rest = _length > 0 && !_dropping ? Encoding.UTF8.GetString(_line, 0, _length) : null;
        _length = 0;
        _dropping = false;
        return rest;
    }
}
