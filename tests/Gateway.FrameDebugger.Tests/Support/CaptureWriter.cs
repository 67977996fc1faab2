using System.Buffers.Binary;

namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>Writes small pcap and pcapng files in either byte order, from the format drafts, for the reader tests.</summary>
public sealed class CaptureWriter
{
    readonly MemoryStream _out = new();
    readonly bool _bigEndian;

    public CaptureWriter(bool bigEndian) => _bigEndian = bigEndian;

    public byte[] ToArray() => _out.ToArray();

    public CaptureWriter U16(int v)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
        _out.Write(b);
        return this;
    }

    public CaptureWriter U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        _out.Write(b);
        return this;
    }

    public CaptureWriter Bytes(byte[] b)
    {
        _out.Write(b);
        return this;
    }

    public CaptureWriter Pad()
    {
        while (_out.Length % 4 != 0) _out.WriteByte(0);
        return this;
    }

    public static byte[] Pcap(bool bigEndian, bool nanoseconds, int linkType, params (uint Seconds, uint Fraction, byte[] Data)[] records)
    {
        var w = new CaptureWriter(bigEndian);
        w.U32(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4).U16(2).U16(4).U32(0).U32(0).U32(262144).U32((uint)linkType);
        foreach (var (s, f, d) in records)
            w.U32(s).U32(f).U32((uint)d.Length).U32((uint)d.Length).Bytes(d);
        return w.ToArray();
    }

    // pcapng blocks (draft-ietf-opsawg-pcapng section 4).
    public CaptureWriter SectionHeader()
    {
        U32(0x0A0D0D0A).U32(28).U32(0x1A2B3C4D).U16(1).U16(0).U32(0xFFFFFFFF).U32(0xFFFFFFFF).U32(28);
        return this;
    }

    public CaptureWriter InterfaceDescription(int linkType, byte? timestampResolution = null)
    {
        uint length = 20 + (timestampResolution is null ? 0u : 12u);
        U32(1).U32(length).U16(linkType).U16(0).U32(0);
        if (timestampResolution is byte r) { U16(9).U16(1).Bytes(new[] { r, (byte)0, (byte)0, (byte)0 }).U16(0).U16(0); }
        return U32(length);
    }

    public CaptureWriter EnhancedPacket(int iface, ulong timestamp, byte[] data)
    {
        uint length = (uint)(32 + ((data.Length + 3) & ~3));
        U32(6).U32(length).U32((uint)iface).U32((uint)(timestamp >> 32)).U32((uint)timestamp).U32((uint)data.Length).U32((uint)data.Length).Bytes(data).Pad();
        return U32(length);
    }

    public CaptureWriter SimplePacket(byte[] data)
    {
        uint length = (uint)(16 + ((data.Length + 3) & ~3));
        U32(3).U32(length).U32((uint)data.Length).Bytes(data).Pad();
        return U32(length);
    }

    public CaptureWriter UnknownBlock()
    {
        U32(0x0BAD).U32(16).U32(0x12345678);
        return U32(16);
    }
}
