namespace Gateway.FrameDebugger.Capture;

/// <summary>
/// Frames typed, pasted or piped as hex text: plain hex (a frame per paragraph), `xxd`, `hexdump -C`,
/// `tcpdump -xx`/`-XX` and Wireshark's hex dump. A line that starts with an offset continues the frame;
/// offset 0 starts the next one; any other text (tcpdump's summary line, a blank line) ends a frame.
/// As text2pcap does, an offset smaller than the bytes read so far cuts the frame back to it, which
/// undoes an ASCII column that happened to look like hex. (On a frame's last line nothing can: an
/// ASCII column of hex letters after exactly eight bytes would be read as data.)
/// </summary>
public sealed class HexDumpReader : CaptureReader
{
    const int ByteGroupBoundary = 8; // hexdump -C puts two spaces after the eighth byte

    readonly StreamReader _text;
    readonly int _linkType;
    readonly List<byte> _frame = new();
    int _line;
    int _count;
    bool _end;

    public HexDumpReader(Stream stream, int linkType) : base(stream)
    {
        _text = new StreamReader(stream);
        _linkType = linkType;
    }

    public override string Format => $"hex text, link type {_linkType}";

    public override bool TryRead(CaptureRecord record)
    {
        while (!_end)
        {
            string? line = _text.ReadLine();
            _line++;
            if (line == null) { _end = true; break; }
            if (TryOffsetLine(line, out long offset, out int dataStart) && dataStart == line.Length && offset != _frame.Count)
                ReadPlain(line); // digits only: plain hex, not hexdump's closing offset
            else if (TryOffsetLine(line, out offset, out dataStart))
            {
                bool complete = offset == 0 && _frame.Count > 0;
                if (complete)
                {
                    Emit(record);
                    ReadData(line, dataStart, offset);
                    return true;
                }
                ReadData(line, dataStart, offset);
            }
            else if (IsPlainHex(line))
                ReadPlain(line);
            else if (_frame.Count > 0)
            {
                Emit(record);
                return true;
            }
        }
        if (_frame.Count == 0) return false;
        Emit(record);
        return true;
    }

    void Emit(CaptureRecord record)
    {
        var data = record.Reserve(_frame.Count);
        _frame.CopyTo(data);
        _count++;
        record.Number = _count;
        record.Interface = 0;
        record.LinkType = _linkType;
        record.Length = _frame.Count;
        record.OriginalLength = _frame.Count;
        record.TimestampNanoseconds = 0;
        _frame.Clear();
    }

    /// <summary>"0x0000:  ", "00000000: ", "0000  ", "00000000  ": hex digits, optional 0x, then a colon or two spaces.</summary>
    static bool TryOffsetLine(string line, out long offset, out int dataStart)
    {
        offset = 0;
        dataStart = 0;
        int i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i + 1 < line.Length && line[i] == '0' && (line[i + 1] == 'x' || line[i + 1] == 'X')) i += 2;
        int digits = 0;
        while (i < line.Length && HexValue(line[i]) >= 0 && digits < 16) { offset = offset * 16 + HexValue(line[i]); i++; digits++; }
        if (digits < 4) return false;
        if (i < line.Length && line[i] == ':') i++;
        else if (!(i + 1 < line.Length && line[i] == ' ' && line[i + 1] == ' ') && i != line.Length) return false;
        dataStart = i;
        return true;
    }

    void ReadData(string line, int at, long offset)
    {
        // Sixteen hex digits can overflow the offset to a negative number: that skips bytes too.
        if (offset < 0 || offset > _frame.Count)
            throw new CaptureFormatException($"line {_line}: offset 0x{offset:x} skips bytes (frame {_count + 1} has {_frame.Count})");
        if (offset < _frame.Count) _frame.RemoveRange((int)offset, _frame.Count - (int)offset);
        int read = 0;
        int i = at;
        while (i < line.Length)
        {
            int gap = 0;
            while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) { gap += line[i] == '\t' ? 2 : 1; i++; }
            if (i == line.Length) break;
            if (gap >= 2 && read > 0 && read != ByteGroupBoundary) break; // the ASCII column
            int start = i;
            while (i < line.Length && line[i] != ' ' && line[i] != '\t') i++;
            if (!IsHexToken(line, start, i - start)) break;
            for (int j = start; j < i; j += 2) _frame.Add((byte)(HexValue(line[j]) * 16 + HexValue(line[j + 1])));
            read += (i - start) / 2;
        }
    }

    static bool IsHexToken(string s, int start, int length)
    {
        if (length == 0 || length % 2 != 0) return false;
        for (int i = start; i < start + length; i++)
            if (HexValue(s[i]) < 0) return false;
        return true;
    }

    static bool IsPlainHex(string line)
    {
        int digits = 0;
        foreach (char c in line)
        {
            if (HexValue(c) >= 0) digits++;
            else if (c != ' ' && c != '\t' && c != ':') return false;
        }
        return digits > 0;
    }

    void ReadPlain(string line)
    {
        int high = -1;
        foreach (char c in line)
        {
            int v = HexValue(c);
            if (v < 0) continue;
            if (high < 0) high = v;
            else { _frame.Add((byte)(high * 16 + v)); high = -1; }
        }
        if (high >= 0) throw new CaptureFormatException($"line {_line}: an odd number of hex digits");
    }

    static int HexValue(char c) => Gateway.Core.Text.Ascii.HexValue(c);
}
