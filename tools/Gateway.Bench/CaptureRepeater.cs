using System.Buffers.Binary;
using Gateway.FrameDebugger.Capture;

namespace Gateway.Bench;

/// <summary>
/// A big capture made from a small one of the rig's traffic: its records written again and again, each
/// pass later in time and with the clients' ephemeral ports moved, so that every pass's connections are
/// new connections (as hours at a gateway would be), not the same ones growing.
/// </summary>
public static class CaptureRepeater
{
    /// <summary>Ports from here up are the clients' ephemeral ones (Linux: 32768-60999); the servers' are below.</summary>
    const int EphemeralFirst = 32768;
    const int EphemeralCount = 28232;
    /// <summary>A prime step, so that consecutive passes take ports far from each other's.</summary>
    const int PortStep = 1999;

    /// <summary>Writes <paramref name="frames"/> Ethernet frames cycled from <paramref name="source"/> to <paramref name="target"/> (pcap, microseconds).</summary>
    public static void Write(string source, string target, int frames)
    {
        var records = Load(source, out long span);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        output.Write(header);
        var recordHeader = new byte[16];
        for (int i = 0; i < frames; i++)
        {
            int pass = i / records.Count;
            var (micros, data, original) = records[i % records.Count];
            var frame = (byte[])data.Clone();
            MovePorts(frame, pass);
            long at = micros + pass * (span + 1_000_000); // a second between passes
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, (uint)(at / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(4), (uint)(at % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(12), (uint)original);
            output.Write(recordHeader);
            output.Write(frame);
        }
    }

    static List<(long Micros, byte[] Data, int Original)> Load(string source, out long span)
    {
        using var stream = File.OpenRead(source);
        var reader = CaptureReader.Open(stream);
        var record = new CaptureRecord();
        var records = new List<(long, byte[], int)>();
        long first = -1, last = 0;
        while (reader.TryRead(record))
        {
            if (record.LinkType != 1) continue;
            long micros = record.TimestampNanoseconds / 1000;
            if (first < 0) first = micros;
            last = micros;
            records.Add((micros, record.Data.AsSpan(0, record.Length).ToArray(), record.OriginalLength));
        }
        if (records.Count == 0) throw new InvalidDataException($"{source} has no Ethernet frames");
        span = last - first;
        return records;
    }

    /// <summary>
    /// IPv4 + TCP frames only: each ephemeral port moved by the pass. The TCP checksum is left alone: the
    /// rig's loopback captures carry only the pseudo-header sum (offloaded), which does not cover ports.
    /// </summary>
    static void MovePorts(byte[] f, int pass)
    {
        if (pass == 0 || f.Length < 14 + 20 + 4 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != 6) return;
        int tcp = 14 + (f[14] & 0x0F) * 4;
        if (f.Length < tcp + 4) return;
        for (int at = tcp; at <= tcp + 2; at += 2)
        {
            int port = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(at));
            if (port < EphemeralFirst || port >= EphemeralFirst + EphemeralCount) continue;
            int moved = EphemeralFirst + (int)((port - EphemeralFirst + (long)pass * PortStep) % EphemeralCount);
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(at), (ushort)moved);
        }
    }
}
