using System.Text;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.FrameDebugger;

/// <summary>
/// Builds the one-line view of a frame (<see cref="FrameSummary.Line"/>) as UTF-8 in one reused byte buffer
/// and writes it without making a string or encoding characters: the view of a capture of millions of
/// frames allocates only for what is rare (IPv6 and MAC text, anomalies, carried lines) and hands its
/// bytes to the output stream in large writes. Its text is the view's, character for character.
/// </summary>
public sealed class FrameLineWriter
{
    /// <summary>A carried line is cut to this many characters on the one-line view (--dialogue shows it whole).</summary>
    public const int CarriedExcerpt = 72;
    const int FlushAt = 1 << 16;

    byte[] _buffer = new byte[FlushAt + 4096];
    int _length;
    readonly byte[]?[] _flags = new byte[]?[512]; // TcpView.FlagsText per 9-bit flags value, made on first use
    readonly List<string> _notes = [];

    /// <summary>Adds the line and its line end; the bytes go to <paramref name="output"/> in writes of about 64 KB (and at <see cref="Flush"/>).</summary>
    public void Write(Stream output, int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        Build(number, timeNs, r, originalLength, carried);
        Append((byte)'\n');
        if (_length >= FlushAt) Flush(output);
    }

    /// <summary>Writes what the buffer holds.</summary>
    public void Flush(Stream output)
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>The line as a string (tests, a TextWriter that is not a stream's).</summary>
    public string Text(int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        _length = 0;
        Build(number, timeNs, r, originalLength, carried);
        string line = Encoding.UTF8.GetString(_buffer, 0, _length);
        _length = 0;
        return line;
    }

    void Build(int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        Number((uint)number, 5, (byte)' ');
        Append((byte)' ');
        Time(timeNs);
        Ascii("  ");
        bool tcp = r.Has(FrameLayer.Tcp), udp = !tcp && r.Has(FrameLayer.Udp);
        if (r.Has(FrameLayer.Ipv4) || r.Has(FrameLayer.Ipv6) || r.Has(FrameLayer.Ethernet))
        {
            Address(r, source: true);
            if (tcp) { Append((byte)':'); Number((uint)r.Tcp.SourcePort); }
            else if (udp) { Append((byte)':'); Number((uint)r.Udp.SourcePort); }
            Ascii(" > ");
            Address(r, source: false);
            if (tcp) { Append((byte)':'); Number((uint)r.Tcp.DestinationPort); }
            else if (udp) { Append((byte)':'); Number((uint)r.Udp.DestinationPort); }
            Ascii("  ");
        }
        if (tcp)
        {
            var t = r.Tcp;
            int flags = (int)t.Flags & 0x1FF;
            Ascii("TCP ");
            Bytes(_flags[flags] ??= Encoding.ASCII.GetBytes(TcpView.FlagsText((TcpFlags)flags)));
            Ascii(" seq=");
            Number(t.SequenceNumber);
            if (t.Ack) { Ascii(" ack="); Number(t.AcknowledgmentNumber); }
            Ascii(" win=");
            Number((uint)t.Window);
            Ascii(" len=");
            Number((uint)t.PayloadLength);
        }
        else Text(FrameSummary.What(r));
        Carries(carried);
        FrameSummary.Anomalies(r, originalLength, carried, _notes);
        if (_notes.Count > 0)
        {
            Ascii("  [");
            for (int i = 0; i < _notes.Count; i++)
            {
                if (i > 0) Ascii("; ");
                Text(_notes[i]);
            }
            Append((byte)']');
        }
    }

    /// <summary>"  SMTP C: EHLO boiler-1 (+2 more)", or "" when the frame completed no mail line or TLS record.</summary>
    public string CarriesText(IReadOnlyList<CarriedEntry>? carried)
    {
        _length = 0;
        Carries(carried);
        string text = Encoding.UTF8.GetString(_buffer, 0, _length);
        _length = 0;
        return text;
    }

    /// <summary>"  SMTP C: EHLO boiler-1 (+2 more)": the first mail line or TLS record the frame completed.</summary>
    void Carries(IReadOnlyList<CarriedEntry>? carried)
    {
        if (carried == null) return;
        CarriedEntry? first = null;
        int said = 0;
        foreach (var c in carried)
            if (FrameSummary.IsSaid(c) && said++ == 0) first = c;
        if (first is null) return;
        Ascii("  ");
        Text(first.Protocol);
        Ascii(first.Entry.FromClient ? " C: " : " S: ");
        int room = CarriedExcerpt;
        if (first.Entry.Kind == DialogueEntryKind.Tls)
        {
            Ascii("TLS ");
            room -= 4;
        }
        string text = first.Entry.Text;
        if (text.Length > room)
        {
            Text(text.AsSpan(0, room));
            Ascii("...");
        }
        else Text(text);
        if (said > 1)
        {
            Ascii(" (+");
            Number((uint)(said - 1));
            Ascii(" more)");
        }
    }

    void Address(FrameLayers r, bool source)
    {
        if (r.Has(FrameLayer.Ipv4))
        {
            uint a = source ? r.Ipv4.Source : r.Ipv4.Destination;
            Number(a >> 24); Append((byte)'.'); Number((a >> 16) & 0xFF); Append((byte)'.'); Number((a >> 8) & 0xFF); Append((byte)'.'); Number(a & 0xFF);
        }
        else if (r.Has(FrameLayer.Ipv6))
        {
            Append((byte)'[');
            Text(source ? r.Ipv6.SourceText : r.Ipv6.DestinationText);
            Append((byte)']');
        }
        else Text(source ? r.Ethernet.SourceText : r.Ethernet.DestinationText);
    }

    /// <summary>HH:mm:ss.ffffff of the UTC time (the fraction cut, not rounded, as DateTime's format does).</summary>
    void Time(long timeNs)
    {
        long ticks = DateTime.UnixEpoch.AddTicks(timeNs / 100).Ticks;
        long ofDay = ticks % TimeSpan.TicksPerDay;
        Number((uint)(ofDay / TimeSpan.TicksPerHour), 2, (byte)'0'); Append((byte)':');
        Number((uint)(ofDay / TimeSpan.TicksPerMinute % 60), 2, (byte)'0'); Append((byte)':');
        Number((uint)(ofDay / TimeSpan.TicksPerSecond % 60), 2, (byte)'0'); Append((byte)'.');
        Number((uint)(ofDay % TimeSpan.TicksPerSecond / 10), 6, (byte)'0');
    }

    /// <summary>Decimal digits, right-aligned in <paramref name="width"/> with <paramref name="pad"/>.</summary>
    void Number(uint value, int width = 0, byte pad = (byte)' ')
    {
        int digits = 1;
        for (uint v = value; v >= 10; v /= 10) digits++;
        Room(Math.Max(width, digits));
        for (int i = digits; i < width; i++) _buffer[_length++] = pad;
        int end = _length + digits;
        for (int at = end - 1; at >= _length; at--)
        {
            _buffer[at] = (byte)('0' + value % 10);
            value /= 10;
        }
        _length = end;
    }

    void Append(byte b)
    {
        Room(1);
        _buffer[_length++] = b;
    }

    void Bytes(byte[] b)
    {
        Room(b.Length);
        b.CopyTo(_buffer, _length);
        _length += b.Length;
    }

    /// <summary>A literal of this class: ASCII only, a byte a character.</summary>
    void Ascii(string literal)
    {
        Room(literal.Length);
        for (int i = 0; i < literal.Length; i++) _buffer[_length++] = (byte)literal[i];
    }

    /// <summary>Text from outside (a carried line, an IPv6 address, a note) as UTF-8.</summary>
    void Text(ReadOnlySpan<char> text)
    {
        Room(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    void Room(int bytes)
    {
        if (_length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}
