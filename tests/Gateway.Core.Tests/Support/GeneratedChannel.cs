using System.Text;
using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A server too big to script: it sends <c>head</c>, then <c>block</c> repeated <c>repeats</c> times
/// (<see cref="long.MaxValue"/>: endlessly), then <c>tail</c>, then closes. Generating costs no
/// allocation per read, so a test can measure what the client itself allocates while a 10 MB
/// message or an endless response goes through. Everything the client writes is recorded; nothing
/// is checked against a script (use <see cref="ReplayChannel"/> for byte-exact dialogues).
/// </summary>
public sealed class GeneratedChannel : IChannel, IWaitableChannel
{
    readonly byte[] _head;
    readonly byte[] _block;
    readonly long _repeats;
    readonly byte[] _tail;
    readonly StringBuilder _written = new();
    int _headPos;
    long _blocksDone;
    int _blockPos;
    int _tailPos;

    public GeneratedChannel(string head, string block, long repeats, string tail)
    {
        _head = Encoding.ASCII.GetBytes(head);
        _block = Encoding.ASCII.GetBytes(block);
        _repeats = repeats;
        _tail = Encoding.ASCII.GetBytes(tail);
    }

    /// <summary>Bytes handed to the client so far.</summary>
    public long Served { get; private set; }

    public long BlocksServed => _blocksDone;

    public string Written => _written.ToString();

    public bool IsEncrypted { get; private set; }

    public bool Closed { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n;
        if (_headPos < _head.Length)
        {
            n = Math.Min(count, _head.Length - _headPos);
            Array.Copy(_head, _headPos, buffer, offset, n);
            _headPos += n;
        }
        else if (_blocksDone < _repeats)
        {
            n = Math.Min(count, _block.Length - _blockPos);
            Array.Copy(_block, _blockPos, buffer, offset, n);
            _blockPos += n;
            if (_blockPos == _block.Length)
            {
                _blockPos = 0;
                _blocksDone++;
            }
        }
        else if (_tailPos < _tail.Length)
        {
            n = Math.Min(count, _tail.Length - _tailPos);
            Array.Copy(_tail, _tailPos, buffer, offset, n);
            _tailPos += n;
        }
        else
        {
            return 0;
        }
        Served += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => _written.Append(Encoding.UTF8.GetString(buffer, offset, count));

    public void StartTls(string host) => IsEncrypted = true;

    public void Close() => Closed = true;

    /// <summary>Never quiet: the next byte, or the close, is always there (an IMAP IDLE reads at once).</summary>
    public bool WaitForData(int timeoutMs) => true;
}
