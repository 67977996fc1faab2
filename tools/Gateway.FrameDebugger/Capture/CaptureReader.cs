using System.Buffers.Binary;

namespace Gateway.FrameDebugger.Capture;

/// <summary>Reads frames from a pcap or pcapng stream, whichever its first four bytes say it is.</summary>
public abstract class CaptureReader
{
    /// <summary>Records bigger than this are damage, not frames (libpcap's own ceiling is 256 KiB).</summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;

    protected CaptureReader(Stream stream) => Stream = stream;

    protected Stream Stream { get; }

    /// <summary>"pcap" or "pcapng", with details such as byte order and resolution.</summary>
    public abstract string Format { get; }

    /// <summary>Fills <paramref name="record"/> with the next frame; false at the end of the file.</summary>
    /// <exception cref="CaptureFormatException">The next record is damaged; the message names it.</exception>
    public abstract bool TryRead(CaptureRecord record);

    /// <exception cref="CaptureFormatException">Neither a pcap nor a pcapng file.</exception>
    public static CaptureReader Open(Stream stream)
    {
        var magic = new byte[4];
        int n = ReadFully(stream, magic, 0, 4);
        if (n < 4) throw new CaptureFormatException("not a pcap or pcapng file: " + (n == 0 ? "the file is empty" : "only " + n + " bytes"));
        uint big = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (big == PcapNgReader.SectionHeaderType) return new PcapNgReader(stream);
        if (PcapReader.IsMagic(big)) return new PcapReader(stream, big);
        throw new CaptureFormatException($"not a pcap or pcapng file: magic 0x{big:x8}");
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end; returns how many were read.</summary>
    protected internal static int ReadFully(Stream s, byte[] b, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = s.Read(b, offset + total, count - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
