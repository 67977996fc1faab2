using Gateway.Core.Text;

namespace Gateway.Core.Net;

/// <summary>
/// Bounds a whole answer, not one read. A socket timeout alone lets a server that trickles (one byte a
/// second, each read within the timeout) hold a session forever; here the answer to each command must
/// come within one timeout, and every <see cref="ProgressBytes"/> received count as progress and grant a
/// new timeout, so a large mail at any usable speed still goes through. The channels of the host and of
/// the device both read through it; the caller supplies the time in milliseconds.
/// </summary>
public sealed class AnswerDeadline
{
    /// <summary>Bytes that count as progress: each such amount received moves the deadline on by a timeout.</summary>
    public const int ProgressBytes = 4096;

    readonly int _timeoutMs;
    long _deadlineMs;
    long _received;

    public AnswerDeadline(int timeoutMs, long nowMs)
    {
        _timeoutMs = timeoutMs;
        Restart(nowMs);
    }

    public int TimeoutMs => _timeoutMs;

    /// <summary>True once some of the awaited answer came: a timeout then means too slow, not silence.</summary>
    public bool HasProgress => _received > 0;

    /// <summary>A command went out (or enough came in): its answer gets a whole timeout.</summary>
    public void Restart(long nowMs)
    {
        _deadlineMs = nowMs + _timeoutMs;
        _received = 0;
    }

    /// <summary>How long the next read may wait: at most one timeout, never past the deadline; 0 or less when late.</summary>
    public long NextReadMs(long nowMs)
    {
        long left = _deadlineMs - nowMs;
        return left < _timeoutMs ? left : _timeoutMs;
    }

    public void Received(int count, long nowMs)
    {
        _received += count;
        if (_received >= ProgressBytes) Restart(nowMs);
    }

    /// <summary>The error for an answer that did not come in time from <paramref name="endpoint"/>.</summary>
    public ChannelException TooSlow(string endpoint)
    {
        return new ChannelException(ChannelError.Timeout, "timed out reading from " + endpoint + ": the answer did not come within "
            + Ascii.FromInt(_timeoutMs) + " ms (the server sends too slowly)");
    }
}
