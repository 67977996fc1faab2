using System.Buffers.Binary;

namespace Gateway.FrameDebugger.Capture;

/// <summary>
/// pcapng files (draft-ietf-opsawg-pcapng): blocks of type, length, body, length. Reads section
/// headers (byte order per section), interface descriptions (link type, snap length, if_tsresol)
/// and enhanced, simple and obsolete packet blocks; other blocks are skipped.
/// </summary>
public sealed class PcapNgReader : CaptureReader
{
    internal const uint SectionHeaderType = 0x0A0D0D0A;
    const uint InterfaceDescriptionType = 1;
    const uint ObsoletePacketType = 2;
    const uint SimplePacketType = 3;
    const uint EnhancedPacketType = 6;
    const uint ByteOrderMagic = 0x1A2B3C4D;
    const int BlockHeaderLength = 8;
    const int MinBlockLength = 12;
    const ushort OptionEnd = 0;
    const ushort OptionTimestampResolution = 9;
    const int DefaultResolution = 6; // microseconds

    readonly byte[] _blockHeader = new byte[BlockHeaderLength];
    readonly List<Interface> _interfaces = new();
    byte[] _body = new byte[4096];
    bool _bigEndian;
    int _block;
    int _count;
    int _sections;

    readonly record struct Interface(int LinkType, uint SnapLength, byte Resolution);

    internal PcapNgReader(Stream stream) : base(stream)
    {
        // The block type (a palindrome) is read; its length's byte order is known only from the body.
        var lengthBytes = new byte[4];
        if (ReadFully(stream, lengthBytes, 0, 4) < 4) throw new CaptureFormatException("pcapng section header cut off");
        _block = 1;
        ReadSection(lengthBytes);
    }

    public override string Format =>
        $"pcapng {(_bigEndian ? "big" : "little")}-endian, {_sections} section(s), {_interfaces.Count} interface(s) so far";

    void ReadSection(byte[] lengthBytes)
    {
        var bom = new byte[4];
        if (ReadFully(Stream, bom, 0, 4) < 4) throw Damaged("section header cut off");
        uint big = BinaryPrimitives.ReadUInt32BigEndian(bom);
        if (big == ByteOrderMagic) _bigEndian = true;
        else if (big == BinaryPrimitives.ReverseEndianness(ByteOrderMagic)) _bigEndian = false;
        else throw Damaged($"section header has no byte-order magic (0x{big:x8})");
        uint length = U32(lengthBytes, 0);
        if (length < 28 || length % 4 != 0 || length > MaxRecordLength) throw Damaged($"section header length {length} is impossible");
        var rest = ReadBody((int)length - 12);
        int major = U16(rest, 0);
        if (major != 1) throw Damaged($"pcapng version {major}.{U16(rest, 2)} is not 1.x");
        CheckTrailer(rest, (int)length - 12, length);
        _interfaces.Clear();
        _sections++;
    }

    public override bool TryRead(CaptureRecord record)
    {
        while (true)
        {
            int n = ReadFully(Stream, _blockHeader, 0, BlockHeaderLength);
            if (n == 0) return false;
            _block++;
            if (n < BlockHeaderLength) throw Damaged($"block header cut off after {n} of {BlockHeaderLength} bytes");
            if (BinaryPrimitives.ReadUInt32BigEndian(_blockHeader) == SectionHeaderType)
            {
                // A new section: its own byte order. The 4 length bytes are already read, the magic follows.
                ReadSection(_blockHeader.AsSpan(4, 4).ToArray());
                continue;
            }
            uint type = U32(_blockHeader, 0), length = U32(_blockHeader, 4);
            if (length < MinBlockLength || length % 4 != 0 || length > MaxRecordLength)
                throw Damaged($"block length {length} is impossible");
            int bodyLength = (int)length - MinBlockLength;
            var body = ReadBody(bodyLength + 4);
            CheckTrailer(body, bodyLength + 4, length);
            switch (type)
            {
                case InterfaceDescriptionType:
                    ReadInterface(body, bodyLength);
                    break;
                case EnhancedPacketType:
                    if (bodyLength < 20) throw Damaged("enhanced packet block too short");
                    Packet(record, body, (int)U32(body, 0), ((ulong)U32(body, 4) << 32) | U32(body, 8), U32(body, 12), U32(body, 16), 20, bodyLength);
                    return true;
                case ObsoletePacketType:
                    if (bodyLength < 20) throw Damaged("packet block too short");
                    Packet(record, body, U16(body, 0), ((ulong)U32(body, 4) << 32) | U32(body, 8), U32(body, 12), U32(body, 16), 20, bodyLength);
                    return true;
                case SimplePacketType:
                {
                    if (bodyLength < 4) throw Damaged("simple packet block too short");
                    if (_interfaces.Count == 0) throw Damaged("simple packet block before any interface description");
                    uint original = U32(body, 0);
                    uint captured = Math.Min(original, (uint)(bodyLength - 4));
                    if (_interfaces[0].SnapLength != 0) captured = Math.Min(captured, _interfaces[0].SnapLength);
                    // A simple packet block has no timestamp.
                    Packet(record, body, 0, null, captured, original, 4, bodyLength);
                    return true;
                }
            }
        }
    }

    void Packet(CaptureRecord record, byte[] body, int interfaceId, ulong? timestamp, uint captured, uint original, int dataAt, int bodyLength)
    {
        if (interfaceId < 0 || interfaceId >= _interfaces.Count) throw Damaged($"packet on interface {interfaceId}, but only {_interfaces.Count} are described");
        if (captured > bodyLength - dataAt) throw Damaged($"captured length {captured} runs past the block");
        var data = record.Reserve((int)captured);
        Buffer.BlockCopy(body, dataAt, data, 0, (int)captured);
        _count++;
        record.Number = _count;
        record.Interface = interfaceId;
        record.LinkType = _interfaces[interfaceId].LinkType;
        record.Length = (int)captured;
        record.OriginalLength = (int)Math.Min(original, int.MaxValue);
        record.TimestampNanoseconds = timestamp is ulong t ? ToNanoseconds(t, _interfaces[interfaceId].Resolution) : 0;
    }

    void ReadInterface(byte[] body, int bodyLength)
    {
        if (bodyLength < 8) throw Damaged("interface description too short");
        int link = U16(body, 0);
        uint snap = U32(body, 4);
        byte resolution = DefaultResolution;
        for (int at = 8; at + 4 <= bodyLength;)
        {
            int code = U16(body, at), length = U16(body, at + 2);
            if (code == OptionEnd) break;
            if (at + 4 + length > bodyLength) throw Damaged($"interface option {code} runs past the block");
            if (code == OptionTimestampResolution && length >= 1) resolution = body[at + 4];
            at += 4 + ((length + 3) & ~3);
        }
        _interfaces.Add(new Interface(link, snap, resolution));
    }

    /// <summary>if_tsresol: high bit clear, 10^-n seconds; set, 2^-n seconds.</summary>
    static long ToNanoseconds(ulong ticks, byte resolution)
    {
        int exponent = resolution & 0x7F;
        UInt128 t = ticks;
        UInt128 ns;
        if ((resolution & 0x80) != 0)
            ns = (t * 1_000_000_000UL) >> exponent;
        else if (exponent <= 9)
            ns = t * Pow10(9 - exponent);
        else
            ns = t / Pow10(exponent - 9);
        return ns > long.MaxValue ? long.MaxValue : (long)ns;
    }

    static UInt128 Pow10(int n)
    {
        UInt128 p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    byte[] ReadBody(int length)
    {
        if (_body.Length < length) _body = new byte[Math.Max(length, _body.Length * 2)];
        int n = ReadFully(Stream, _body, 0, length);
        if (n < length) throw Damaged($"cut off after {n + BlockHeaderLength} of {length + BlockHeaderLength} bytes");
        return _body;
    }

    void CheckTrailer(byte[] body, int bodyWithTrailer, uint length)
    {
        uint trailer = U32(body, bodyWithTrailer - 4);
        if (trailer != length) throw Damaged($"trailing length {trailer} differs from the leading {length}");
    }

    CaptureFormatException Damaged(string why) =>
        new CaptureFormatException($"block {_block} (after frame {_count}) is damaged: {why}");

    int U16(byte[] b, int at) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    uint U32(byte[] b, int at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
}
