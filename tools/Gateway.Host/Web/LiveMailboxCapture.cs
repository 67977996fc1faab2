using System.Buffers.Binary;
using Gateway.FrameDebugger.Capture;

namespace Gateway.Host.Web;

/// <summary>
/// `gateway mailbox --web ... --capture`: the mailbox's own ports captured live (libpcap, like framedbg --live)
/// into an in-memory pcap file the page reads like an upload. It stops keeping frames past <see cref="MaxBytes"/>.
/// </summary>
public sealed class LiveMailboxCapture : IDisposable
{
    /// <summary>The most a live capture holds; a mailbox left running for days must not grow without end.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    const uint NanosecondMagic = 0xa1b23c4d;
    const int SnapLength = 262144;

    readonly LiveCaptureReader _reader;
    readonly MemoryStream _pcap = new();
    readonly Thread _thread;

    LiveMailboxCapture(LiveCaptureReader reader)
    {
        _reader = reader;
        _thread = new Thread(Run) { IsBackground = true, Name = "mailbox capture" };
        _thread.Start();
    }

    /// <summary>Starts capturing these ports on every interface, or returns null and why (not root, no libpcap).</summary>
    public static LiveMailboxCapture? Start(IEnumerable<int> ports, out string why)
    {
        var filter = string.Join(" or ", ports.Select(p => "tcp port " + p));
        var reader = LiveCaptureReader.Open("any", filter, null, null, out why);
        return reader == null ? null : new LiveMailboxCapture(reader);
    }

    public bool Full { get; private set; }

    /// <summary>The capture so far, as a pcap file.</summary>
    public byte[] Bytes()
    {
        lock (_pcap)
        {
            if (_pcap.Length > 0) return _pcap.ToArray();
        }
        using var empty = new MemoryStream();
        WriteHeader(empty, EthernetBeforeTheFirstFrame);
        return empty.ToArray();
    }

    /// <summary>Before the first frame the link type is not known: an empty file still says pcap.</summary>
    const int EthernetBeforeTheFirstFrame = 1;

    void Run()
    {
        var record = new CaptureRecord();
        var head = new byte[16];
        try
        {
            while (_reader.TryRead(record))
                lock (_pcap)
                {
                    if (_pcap.Length == 0) WriteHeader(_pcap, record.LinkType);
                    if (_pcap.Length + 16 + record.Length > MaxBytes)
                    {
                        Full = true;
                        return;
                    }
                    BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)(record.TimestampNanoseconds / 1_000_000_000));
                    BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)(record.TimestampNanoseconds % 1_000_000_000));
                    BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(8), record.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(12), record.OriginalLength);
                    _pcap.Write(head);
                    _pcap.Write(record.Data, 0, record.Length);
                }
        }
        catch (Exception e) when (e is SharpPcap.PcapException or InvalidOperationException)
        {
            // the interface went away or the capture was closed: what was seen stays
        }
    }

    static void WriteHeader(Stream pcap, int linkType)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], linkType);
        pcap.Write(header);
    }

    public void Dispose()
    {
        _reader.Stop();
        _thread.Join(TimeSpan.FromSeconds(3));
        _reader.Dispose();
    }
}
