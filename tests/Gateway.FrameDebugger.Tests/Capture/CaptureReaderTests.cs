using Gateway.Core.Frames.Tests;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests.Capture;

public class CaptureReaderTests
{
    static List<(int Number, long Ns, int Iface, int Link, byte[] Data, int Original)> ReadAll(byte[] file)
    {
        var reader = CaptureReader.Open(new MemoryStream(file));
        var record = new CaptureRecord();
        var list = new List<(int, long, int, int, byte[], int)>();
        while (reader.TryRead(record))
            list.Add((record.Number, record.TimestampNanoseconds, record.Interface, record.LinkType, record.Data.AsSpan(0, record.Length).ToArray(), record.OriginalLength));
        return list;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_in_either_byte_order_and_resolution(bool bigEndian, bool nanoseconds)
    {
        var file = CaptureWriter.Pcap(bigEndian, nanoseconds, 1,
            (1_700_000_000, 123_456, SampleFrames.LoopbackSynOffloaded),
            (1_700_000_001, 999, SampleFrames.EhloData));
        var records = ReadAll(file);
        Assert.Equal(2, records.Count);
        Assert.Equal(1, records[0].Number);
        Assert.Equal(1, records[0].Link);
        Assert.Equal(SampleFrames.LoopbackSynOffloaded, records[0].Data);
        Assert.Equal(SampleFrames.EhloData, records[1].Data);
        long unit = nanoseconds ? 1 : 1000;
        Assert.Equal(1_700_000_000L * 1_000_000_000 + 123_456 * unit, records[0].Ns);
        Assert.Equal(1_700_000_001L * 1_000_000_000 + 999 * unit, records[1].Ns);
    }

    [Fact]
    public void A_real_loopback_capture()
    {
        var records = ReadAll(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "loopback-smtp-like.pcap")));
        Assert.Equal(13, records.Count);
        Assert.All(records, r => Assert.Equal(1, r.Link));
        Assert.Equal(74, records[0].Data.Length);
    }

    [Fact]
    public void A_real_any_interface_capture_with_nanoseconds()
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "any-sll2-nanosecond.pcap"));
        var reader = CaptureReader.Open(new MemoryStream(file));
        Assert.Contains("nanosecond", reader.Format);
        var records = ReadAll(file);
        Assert.Equal(12, records.Count);
        Assert.All(records, r => Assert.Equal(276, r.Link));
        Assert.NotEqual(0, records[0].Ns % 1000); // nanosecond digits are kept
    }

    [Fact]
    public void Pcapng_with_two_interfaces_and_every_packet_block()
    {
        var file = new CaptureWriter(bigEndian: false)
            .SectionHeader()
            .InterfaceDescription(1)                              // microseconds by default
            .InterfaceDescription(276, timestampResolution: 9)    // nanoseconds
            .UnknownBlock()
            .EnhancedPacket(0, 1_700_000_000_123_456UL, SampleFrames.EhloData)
            .EnhancedPacket(1, 1_700_000_000_123_456_789UL, SampleFrames.Sll2Tcp)
            .SimplePacket(SampleFrames.ArpRequest)
            .ToArray();
        var records = ReadAll(file);
        Assert.Equal(3, records.Count);
        Assert.Equal((1, 0, 1), (records[0].Number, records[0].Iface, records[0].Link));
        Assert.Equal(1_700_000_000_123_456_000L, records[0].Ns);
        Assert.Equal(SampleFrames.EhloData, records[0].Data);
        Assert.Equal((2, 1, 276), (records[1].Number, records[1].Iface, records[1].Link));
        Assert.Equal(1_700_000_000_123_456_789L, records[1].Ns);
        Assert.Equal(SampleFrames.Sll2Tcp, records[1].Data);
        Assert.Equal((3, 0, 1), (records[2].Number, records[2].Iface, records[2].Link));
        Assert.Equal(SampleFrames.ArpRequest, records[2].Data);
        Assert.Equal(SampleFrames.ArpRequest.Length, records[2].Original);
    }

    [Fact]
    public void Pcapng_sections_each_have_their_byte_order_and_interfaces()
    {
        var big = new CaptureWriter(bigEndian: true).SectionHeader().InterfaceDescription(101)
            .EnhancedPacket(0, 5, SampleFrames.RawIpv4Fin).ToArray();
        var little = new CaptureWriter(bigEndian: false).SectionHeader().InterfaceDescription(0)
            .EnhancedPacket(0, 6, SampleFrames.NullLittleEndianIpv4).ToArray();
        var records = ReadAll(big.Concat(little).ToArray());
        Assert.Equal(2, records.Count);
        Assert.Equal((101, 5_000L), (records[0].Link, records[0].Ns));
        Assert.Equal(SampleFrames.RawIpv4Fin, records[0].Data);
        Assert.Equal((0, 6_000L), (records[1].Link, records[1].Ns));
        Assert.Equal(SampleFrames.NullLittleEndianIpv4, records[1].Data);
    }

    [Fact]
    public void Wrong_magic_is_named()
    {
        var e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream("GIF89a.."u8.ToArray())));
        Assert.Equal("not a pcap or pcapng file: magic 0x47494638", e.Message);
        e = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream()));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void A_damaged_record_is_named_after_the_good_ones()
    {
        var file = CaptureWriter.Pcap(false, false, 1, (1, 0, SampleFrames.EhloData), (2, 0, SampleFrames.EhloData));
        var cut = file.AsSpan(0, file.Length - 10).ToArray();
        var reader = CaptureReader.Open(new MemoryStream(cut));
        var record = new CaptureRecord();
        Assert.True(reader.TryRead(record));
        var e = Assert.Throws<CaptureFormatException>(() => reader.TryRead(record));
        Assert.Equal($"record 2 is damaged: its data is cut off after {SampleFrames.EhloData.Length - 10} of {SampleFrames.EhloData.Length} bytes", e.Message);
    }

    [Fact]
    public void A_packet_on_an_undescribed_interface_is_damage()
    {
        var file = new CaptureWriter(false).SectionHeader().InterfaceDescription(1)
            .EnhancedPacket(3, 0, SampleFrames.EhloData).ToArray();
        var e = Assert.Throws<CaptureFormatException>(() => ReadAll(file));
        Assert.Contains("interface 3, but only 1 are described", e.Message);
    }

    [Fact]
    public void Mutated_files_give_records_or_a_named_error_nothing_else()
    {
        var pcap = CaptureWriter.Pcap(false, false, 1, (1, 0, SampleFrames.EhloData), (2, 0, SampleFrames.VlanUdp), (3, 0, SampleFrames.ArpRequest));
        var pcapng = new CaptureWriter(true).SectionHeader().InterfaceDescription(1).InterfaceDescription(276, 9)
            .EnhancedPacket(0, 1, SampleFrames.EhloData).EnhancedPacket(1, 2, SampleFrames.Sll2Tcp).SimplePacket(SampleFrames.ArpRequest).ToArray();
        var rng = new Random(9);
        var layers = new Gateway.Core.Frames.FrameLayers();
        for (int i = 0; i < 20_000; i++)
        {
            var file = (byte[])(i % 2 == 0 ? pcap : pcapng).Clone();
            for (int m = rng.Next(1, 4); m > 0; m--) file[rng.Next(file.Length)] = (byte)rng.Next(256);
            int length = rng.Next(3) == 0 ? rng.Next(file.Length + 1) : file.Length;
            try
            {
                var reader = CaptureReader.Open(new MemoryStream(file, 0, length));
                var record = new CaptureRecord();
                for (int n = 0; n < 100 && reader.TryRead(record); n++)
                    Gateway.Core.Frames.FrameDecoder.Decode(record.Data, 0, record.Length, (Gateway.Core.Frames.LinkType)record.LinkType, layers);
            }
            catch (CaptureFormatException)
            {
            }
        }
    }
}
