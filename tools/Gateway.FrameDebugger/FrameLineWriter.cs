using Gateway.Core.Frames;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.FrameDebugger;

/// <summary>
/// Builds the one-line view of a frame (<see cref="FrameSummary.Line"/>) into one reused character buffer
/// and writes it without making a string: the view of a capture of millions of frames allocates only for
/// what is rare (IPv6 and MAC text, anomalies, carried lines). Its text is the view's, character for character.
/// </summary>
public sealed class FrameLineWriter
{
    /// <summary>A carried line is cut to this many characters on the one-line view (--dialogue shows it whole).</summary>
    public const int CarriedExcerpt = 72;

    char[] _buffer = new char[512];
    int _length;
    readonly string?[] _flags = new string?[512]; // TcpView.FlagsText per 9-bit flags value, made on first use
    readonly List<string> _notes = [];

    /// <summary>Writes the line and its line end to <paramref name="output"/>.</summary>
    public void Write(TextWriter output, int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        Build(number, timeNs, r, originalLength, carried);
        Append('\n');
        output.Write(_buffer, 0, _length);
    }

    /// <summary>The line as a string (tests, the explain view's callers).</summary>
    public string Text(int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        Build(number, timeNs, r, originalLength, carried);
        return new string(_buffer, 0, _length);
    }

    void Build(int number, long timeNs, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried)
    {
        _length = 0;
        Number(number, 5);
        Append(' ');
        Time(timeNs);
        Append("  ");
        bool tcp = r.Has(FrameLayer.Tcp), udp = !tcp && r.Has(FrameLayer.Udp);
        if (r.Has(FrameLayer.Ipv4) || r.Has(FrameLayer.Ipv6) || r.Has(FrameLayer.Ethernet))
        {
            Address(r, source: true);
            if (tcp) { Append(':'); Number(r.Tcp.SourcePort); }
            else if (udp) { Append(':'); Number(r.Udp.SourcePort); }
            Append(" > ");
            Address(r, source: false);
            if (tcp) { Append(':'); Number(r.Tcp.DestinationPort); }
            else if (udp) { Append(':'); Number(r.Udp.DestinationPort); }
            Append("  ");
        }
        if (tcp)
        {
            var t = r.Tcp;
            int flags = (int)t.Flags & 0x1FF;
            Append("TCP ");
            Append(_flags[flags] ??= TcpView.FlagsText((TcpFlags)flags));
            Append(" seq=");
            Number(t.SequenceNumber);
            if (t.Ack) { Append(" ack="); Number(t.AcknowledgmentNumber); }
            Append(" win=");
            Number(t.Window);
            Append(" len=");
            Number(t.PayloadLength);
        }
        else Append(FrameSummary.What(r));
        Carries(carried);
        FrameSummary.Anomalies(r, originalLength, carried, _notes);
        if (_notes.Count > 0)
        {
            Append("  [");
            for (int i = 0; i < _notes.Count; i++)
            {
                if (i > 0) Append("; ");
                Append(_notes[i]);
            }
            Append(']');
        }
    }

    /// <summary>"  SMTP C: EHLO boiler-1 (+2 more)", or "" when the frame completed no mail line or TLS record.</summary>
    public string CarriesText(IReadOnlyList<CarriedEntry>? carried)
    {
        _length = 0;
        Carries(carried);
        return new string(_buffer, 0, _length);
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
        Append("  ");
        Append(first.Protocol);
        Append(first.Entry.FromClient ? " C: " : " S: ");
        int room = CarriedExcerpt;
        if (first.Entry.Kind == DialogueEntryKind.Tls)
        {
            Append("TLS ");
            room -= 4;
        }
        string text = first.Entry.Text;
        if (text.Length > room)
        {
            Append(text.AsSpan(0, room));
            Append("...");
        }
        else Append(text);
        if (said > 1)
        {
            Append(" (+");
            Number(said - 1);
            Append(" more)");
        }
    }

    void Address(FrameLayers r, bool source)
    {
        if (r.Has(FrameLayer.Ipv4))
        {
            uint a = source ? r.Ipv4.Source : r.Ipv4.Destination;
            Number(a >> 24); Append('.'); Number((a >> 16) & 0xFF); Append('.'); Number((a >> 8) & 0xFF); Append('.'); Number(a & 0xFF);
        }
        else if (r.Has(FrameLayer.Ipv6))
        {
            Append('[');
            Append(source ? r.Ipv6.SourceText : r.Ipv6.DestinationText);
            Append(']');
        }
        else Append(source ? r.Ethernet.SourceText : r.Ethernet.DestinationText);
    }

    /// <summary>HH:mm:ss.ffffff of the UTC time (the fraction cut, not rounded, as DateTime's format does).</summary>
    void Time(long timeNs)
    {
        long ticks = DateTime.UnixEpoch.AddTicks(timeNs / 100).Ticks;
        long ofDay = ticks % TimeSpan.TicksPerDay;
        Number(ofDay / TimeSpan.TicksPerHour, 2, '0'); Append(':');
        Number(ofDay / TimeSpan.TicksPerMinute % 60, 2, '0'); Append(':');
        Number(ofDay / TimeSpan.TicksPerSecond % 60, 2, '0'); Append('.');
        Number(ofDay % TimeSpan.TicksPerSecond / 10, 6, '0');
    }

    void Number(long value, int width = 0, char pad = ' ')
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        for (int i = n; i < width; i++) Append(pad);
        Append(digits[..n]);
    }

    void Append(char c)
    {
        if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_length++] = c;
    }

    void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + text.Length));
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }
}
