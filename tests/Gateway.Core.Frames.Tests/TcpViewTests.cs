using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class TcpViewTests
{
    static TcpView Tcp(byte[] b, int at)
    {
        Assert.True(TcpView.TryCreate(b, at, b.Length - at, out var t, out var error), error.ToString());
        return t;
    }

    [Fact]
    public void deconstruct()
    {
        var t = Tcp(SampleFrames.LoopbackSynOffloaded, 34);
        Assert.Equal(44444, t.SourcePort);
        Assert.Equal(2525, t.DestinationPort);
        Assert.Equal(3105929017u, t.SequenceNumber);
        Assert.Equal(0u, t.AcknowledgmentNumber);
        Assert.Equal(40, t.HeaderLength);
        Assert.Equal(TcpFlags.Syn, t.Flags);
        Assert.True(t.Syn);
        Assert.False(t.Ack);
        Assert.Equal(65495, t.Window);
        Assert.Equal(0xfe30, t.Checksum);
        Assert.Equal(0, t.UrgentPointer);
        Assert.Equal(0, t.PayloadLength);
        Assert.Equal(1, t.SegmentLength);
    }

    [Fact]
    public void syn_options_as_loopback_sends_them()
    {
        var t = Tcp(SampleFrames.LoopbackSynOffloaded, 34);
        Assert.Equal(65495, t.MaxSegmentSize);
        Assert.True(t.SackPermitted);
        Assert.True(t.TryGetTimestamps(out uint value, out uint echo));
        Assert.Equal(2710101u, value);
        Assert.Equal(0u, echo);
        Assert.Equal(7, t.WindowScale);
        Assert.Equal(5, t.OptionCount);
        var kinds = new List<int>();
        for (int at = t.OptionsStart; t.TryReadOption(at, out var o); at += o.Length) kinds.Add(o.Kind);
        Assert.Equal(new[] { 2, 4, 8, 1, 3 }, kinds);
    }

    [Fact]
    public void data_segment_with_timestamps()
    {
        var b = SampleFrames.EhloData;
        var t = Tcp(b, 34);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, t.Flags);
        Assert.Equal(918273645u, t.AcknowledgmentNumber);
        Assert.Equal(-1, t.MaxSegmentSize);
        Assert.Equal(-1, t.WindowScale);
        Assert.False(t.SackPermitted);
        Assert.True(t.TryGetTimestamps(out uint value, out uint echo));
        Assert.Equal(2710200u, value);
        Assert.Equal(2710150u, echo);
        Assert.Equal(14, t.PayloadLength);
        Assert.Equal("EHLO gateway\r\n", System.Text.Encoding.ASCII.GetString(b, t.PayloadOffset, t.PayloadLength));
    }

    [Fact]
    public void ecn_flags_and_sack_blocks()
    {
        var t = Tcp(SampleFrames.SackEcnZeroWindow, 34);
        Assert.True(t.Ns);
        Assert.True(t.Cwr);
        Assert.True(t.Ece);
        Assert.True(t.Ack);
        Assert.False(t.Urg);
        Assert.Equal("ACK ECE CWR NS", TcpView.FlagsText(t.Flags));
        Assert.Equal(0, t.Window);
        Assert.Equal(2, t.SackBlockCount);
        Assert.True(t.TryGetSackBlock(0, out uint l0, out uint r0));
        Assert.True(t.TryGetSackBlock(1, out uint l1, out uint r1));
        Assert.Equal((1000u, 2000u, 3000u, 4000u), (l0, r0, l1, r1));
        Assert.False(t.TryGetSackBlock(2, out _, out _));
    }

    [Fact]
    public void unknown_and_malformed_options_are_kept_raw()
    {
        var b = (byte[])SampleFrames.LoopbackSynValid.Clone();
        int opts = 34 + 20;
        b[opts + 4] = 0xfd; // RFC 4727 experiment instead of SACK_PERM, same length 2
        var t = Tcp(b, 34);
        Assert.True(t.TryReadOption(t.OptionsStart + 4, out var o));
        Assert.Equal(0xfd, o.Kind);
        Assert.Equal("opt253:fd02", t.OptionText(o));
        Assert.False(t.SackPermitted);
        b[opts + 5] = 200; // its length now runs past the options
        t = Tcp(b, 34);
        Assert.True(t.TryReadOption(t.OptionsStart + 4, out o));
        Assert.True(o.IsMalformed);
        Assert.Equal(16, o.Length);
        Assert.False(t.TryReadOption(t.OptionsStart + 4 + o.Length, out _));
        Assert.Equal(2, t.OptionCount);
        Assert.Equal(-1, t.WindowScale); // behind the malformed option: not trusted
    }

    [Fact]
    public void checksum_valid_invalid_offloaded()
    {
        Assert.Equal(ChecksumStatus.Valid, Decode(SampleFrames.LoopbackSynValid));
        Assert.Equal(ChecksumStatus.Invalid, Decode(SampleFrames.LoopbackSynCorrupt));
        Assert.Equal(ChecksumStatus.NotVerifiableOffloaded, Decode(SampleFrames.LoopbackSynOffloaded));
        Assert.Equal(ChecksumStatus.Valid, Decode(SampleFrames.EhloData));
    }

    static ChecksumStatus Decode(byte[] b)
    {
        Assert.True(Ipv4View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        var t = Tcp(b, ip.PayloadOffset);
        return t.VerifyChecksum(ip.PseudoHeaderSum(IpProtocol.Tcp, ip.PayloadLength));
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.LoopbackSynValid;
        Assert.False(TcpView.TryCreate(b, 34, 19, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Tcp, error.Layer);
        // The fixed header fits, the options do not.
        Assert.False(TcpView.TryCreate(b, 34, 30, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(64, error.Offset);
    }

    [Fact]
    public void impossible_len()
    {
        var b = (byte[])SampleFrames.LoopbackSynValid.Clone();
        b[34 + FieldLayout.ByteOffset(TcpView.Field.DataOffset)] = 0x40; // data offset 4: 16 bytes
        Assert.False(TcpView.TryCreate(b, 34, b.Length - 34, out _, out var error));
        Assert.Equal(FrameErrorKind.BadHeaderLength, error.Kind);
        Assert.Equal(34 + 12, error.Offset);
        b[34 + FieldLayout.ByteOffset(TcpView.Field.DataOffset)] = 0xf0; // 60 bytes, more than the 40 there are
        Assert.False(TcpView.TryCreate(b, 34, b.Length - 34, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }
}
