namespace Gateway.FrameDebugger.Dialogue;

/// <summary>Receives bytes now in order: the sequence number of the first, the bytes (valid only during the call), the frame that carried them.</summary>
public delegate void StreamDelivery(uint seq, ReadOnlySpan<byte> data, int frame);

/// <summary>
/// One direction of a TCP connection put back in order: segments are placed by sequence number,
/// retransmitted and overlapping bytes are kept once (the first copy wins, as receivers do), and
/// out-of-order segments wait until the gap is filled. Each delivered byte remembers the frame
/// that carried it, so a line can say which frames it rode in.
/// </summary>
public sealed class TcpStream
{
    /// <summary>Bytes held while waiting for a gap; beyond this the stream gives up on the gap (a capture that lost packets).</summary>
    public const int MaxPending = 1 << 20;

    readonly SortedDictionary<uint, (byte[] data, int frame)> _pending = new();
    uint _next;
    bool _started;
    int _pendingBytes;

    public int Retransmissions { get; private set; }
    public int OutOfOrder { get; private set; }
    public int LostBytes { get; private set; }

    /// <summary>Receives one segment's payload; calls <paramref name="deliver"/> (sequence number, bytes, frame) for every byte range now in order.</summary>
    /// <returns>How the segment relates to what was received before.</returns>
    /// <remarks>The payload is copied only when it must wait for a gap: an in-order segment costs no allocation.</remarks>
    public SegmentArrival Add(uint seq, bool syn, ReadOnlySpan<byte> payload, int frame, StreamDelivery deliver)
    {
        if (syn)
        {
            _next = seq + 1;
            _started = true;
        }
        if (payload.Length == 0) return SegmentArrival.NoData;
        if (!_started)
        {
            // The capture began mid-connection: take the first data seen as the start.
            _next = seq;
            _started = true;
        }
        int behind = (int)(_next - seq);
        if (behind > 0)
        {
            Retransmissions++;
            if (behind >= payload.Length) return SegmentArrival.Retransmitted;
            payload = payload[behind..];
            seq = _next;
            Accept(seq, payload, frame, deliver);
            return SegmentArrival.Overlapping;
        }
        if (behind < 0)
        {
            OutOfOrder++;
            if (!_pending.ContainsKey(seq))
            {
                _pending.Add(seq, (payload.ToArray(), frame));
                _pendingBytes += payload.Length;
            }
            if (_pendingBytes > MaxPending) SkipGap(deliver);
            return SegmentArrival.OutOfOrder;
        }
        Accept(seq, payload, frame, deliver);
        return SegmentArrival.InOrder;
    }

    void Accept(uint seq, ReadOnlySpan<byte> payload, int frame, StreamDelivery deliver)
    {
        deliver(seq, payload, frame);
        _next = seq + (uint)payload.Length;
        Drain(deliver);
    }

    void Drain(StreamDelivery deliver)
    {
        while (_pending.Count > 0)
        {
            var (seq, (data, frame)) = _pending.First();
            int behind = (int)(_next - seq);
            if (behind < 0) return;
            _pending.Remove(seq);
            _pendingBytes -= data.Length;
            if (behind >= data.Length) continue;
            deliver(_next, data.AsSpan(behind), frame);
            _next = seq + (uint)data.Length;
        }
    }

    /// <summary>At the end of the capture: bytes still waiting behind a gap are delivered, the gap counted as lost.</summary>
    public void Finish(StreamDelivery deliver)
    {
        while (_pending.Count > 0) SkipGap(deliver);
    }

    void SkipGap(StreamDelivery deliver)
    {
        var first = _pending.First().Key;
        LostBytes += (int)(first - _next);
        _next = first;
        Drain(deliver);
    }
}
