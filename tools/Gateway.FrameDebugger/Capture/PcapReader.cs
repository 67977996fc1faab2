using System.Buffers.Binary;

namespace Gateway.FrameDebugger.Capture;

/// <summary>
/// Classic libpcap files (draft-ietf-opsawg-pcap): a 24-byte header whose magic gives the byte order
/// and the timestamp resolution (microseconds or nanoseconds), then 16-byte record headers and data.
/// </summary>
public sealed class PcapReader : CaptureReader
{
    const uint MagicMicroseconds = 0xA1B2C3D4;
    const uint MagicNanoseconds = 0xA1B23C4D;
    const int FileHeaderLength = 24;
    const int RecordHeaderLength = 16;
    const int LinkTypeOffset = 20;
    const int SnapLengthOffset = 16;

    readonly bool _bigEndian;
    readonly bool _nanoseconds;
    readonly int _linkType;
    readonly byte[] _header = new byte[RecordHeaderLength];
    int _count;

    internal static bool IsMagic(uint big) =>
        big == MagicMicroseconds || big == MagicNanoseconds ||
        big == BinaryPrimitives.ReverseEndianness(MagicMicroseconds) || big == BinaryPrimitives.ReverseEndianness(MagicNanoseconds);

    internal PcapReader(Stream stream, uint magicReadBigEndian) : base(stream)
    {
        _bigEndian = magicReadBigEndian == MagicMicroseconds || magicReadBigEndian == MagicNanoseconds;
        uint magic = _bigEndian ? magicReadBigEndian : BinaryPrimitives.ReverseEndianness(magicReadBigEndian);
        _nanoseconds = magic == MagicNanoseconds;
        var h = new byte[FileHeaderLength];
        int n = ReadFully(stream, h, 4, FileHeaderLength - 4);
        if (n < FileHeaderLength - 4) throw new CaptureFormatException($"pcap file header cut off: {n + 4} of {FileHeaderLength} bytes");
        int major = U16(h, 4);
        if (major != 2) throw new CaptureFormatException($"pcap version {major}.{U16(h, 6)} is not 2.x");
        SnapLength = U32(h, SnapLengthOffset);
        // The upper bits of the link-type field carry FCS information (draft section 5); the type is the low 16.
        _linkType = (int)(U32(h, LinkTypeOffset) & 0xFFFF);
    }

    public uint SnapLength { get; }
    public int LinkType => _linkType;

    public override string Format =>
        $"pcap {(_bigEndian ? "big" : "little")}-endian, {(_nanoseconds ? "nanosecond" : "microsecond")} timestamps, link type {_linkType}";

    public override bool TryRead(CaptureRecord record)
    {
        int number = _count + 1;
        int n = ReadFully(Stream, _header, 0, RecordHeaderLength);
        if (n == 0) return false;
        if (n < RecordHeaderLength) throw new CaptureFormatException($"record {number} is damaged: its header is cut off after {n} of {RecordHeaderLength} bytes");
        uint seconds = U32(_header, 0), fraction = U32(_header, 4), captured = U32(_header, 8), original = U32(_header, 12);
        if (captured > MaxRecordLength) throw new CaptureFormatException($"record {number} is damaged: captured length {captured} is impossible");
        var data = record.Reserve((int)captured);
        n = ReadFully(Stream, data, 0, (int)captured);
        if (n < captured) throw new CaptureFormatException($"record {number} is damaged: its data is cut off after {n} of {captured} bytes");
        _count = number;
        record.Number = number;
        record.Interface = 0;
        record.LinkType = _linkType;
        record.Length = (int)captured;
        record.OriginalLength = (int)Math.Min(original, int.MaxValue);
        record.TimestampNanoseconds = seconds * 1_000_000_000L + (_nanoseconds ? fraction : fraction * 1000L);
        return true;
    }

    int U16(byte[] b, int at) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    uint U32(byte[] b, int at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
}
