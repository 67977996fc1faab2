using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Tests.Capture;

/// <summary>Hex text as the tools print it (outputs copied from xxd, hexdump, tcpdump and Wireshark on frame 1 of Data/loopback-smtp-like.pcap).</summary>
public class HexDumpReaderTests
{
    static readonly byte[] Syn = Convert.FromHexString(
        "00000000000000000000000008004500003cdbf240004006" + "60c77f0000017f000001b88809de0d833528000000" +
        "00a002ffd7fe3000000204ffd704020" + "80ad8fbbf7900000000010303" + "0a");

    static List<byte[]> Read(string text, int link = 1)
    {
        var reader = new HexDumpReader(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text)), link);
        var record = new CaptureRecord();
        var frames = new List<byte[]>();
        while (reader.TryRead(record))
        {
            Assert.Equal(frames.Count + 1, record.Number);
            Assert.Equal(link, record.LinkType);
            frames.Add(record.Data.AsSpan(0, record.Length).ToArray());
        }
        return frames;
    }

    [Fact]
    public void Xxd()
    {
        var frames = Read("""
            00000000: 0000 0000 0000 0000 0000 0000 0800 4500  ..............E.
            00000010: 003c dbf2 4000 4006 60c7 7f00 0001 7f00  .<..@.@.`.......
            00000020: 0001 b888 09de 0d83 3528 0000 0000 a002  ........5(......
            00000030: ffd7 fe30 0000 0204 ffd7 0402 080a d8fb  ...0............
            00000040: bf79 0000 0000 0103 030a                 .y........
            """);
        Assert.Equal(Syn, Assert.Single(frames));
    }

    [Fact]
    public void Hexdump_canonical()
    {
        var frames = Read("""
            00000000  00 00 00 00 00 00 00 00  00 00 00 00 08 00 45 00  |..............E.|
            00000010  00 3c db f2 40 00 40 06  60 c7 7f 00 00 01 7f 00  |.<..@.@.`.......|
            00000020  00 01 b8 88 09 de 0d 83  35 28 00 00 00 00 a0 02  |........5(......|
            00000030  ff d7 fe 30 00 00 02 04  ff d7 04 02 08 0a d8 fb  |...0............|
            00000040  bf 79 00 00 00 00 01 03  03 0a                    |.y........|
            0000004a
            """);
        Assert.Equal(Syn, Assert.Single(frames));
    }

    [Fact]
    public void Tcpdump_xx_and_XX_with_their_summary_lines()
    {
        string xx = "02:29:36.451000 IP localhost.47240 > localhost.2526: Flags [S], seq 226702632, win 65495, length 0\n" +
                    "\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500\n" +
                    "\t0x0010:  003c dbf2 4000 4006 60c7 7f00 0001 7f00\n" +
                    "\t0x0020:  0001 b888 09de 0d83 3528 0000 0000 a002\n" +
                    "\t0x0030:  ffd7 fe30 0000 0204 ffd7 0402 080a d8fb\n" +
                    "\t0x0040:  bf79 0000 0000 0103 030a\n";
        string XX = "02:29:36.451000 IP localhost.47240 > localhost.2526: Flags [S], seq 226702632, win 65495, length 0\n" +
                    "\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.\n" +
                    "\t0x0010:  003c dbf2 4000 4006 60c7 7f00 0001 7f00  .<..@.@.`.......\n" +
                    "\t0x0020:  0001 b888 09de 0d83 3528 0000 0000 a002  ........5(......\n" +
                    "\t0x0030:  ffd7 fe30 0000 0204 ffd7 0402 080a d8fb  ...0............\n" +
                    "\t0x0040:  bf79 0000 0000 0103 030a                 .y........\n";
        var frames = Read(xx + XX + xx);
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(Syn, f));
    }

    [Fact]
    public void Wireshark_hex_dump_frames_follow_each_other()
    {
        string one = """
            0000   00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.
            0010   00 3c db f2 40 00 40 06 60 c7 7f 00 00 01 7f 00   .<..@.@.`.......
            0020   00 01 b8 88 09 de 0d 83 35 28 00 00 00 00 a0 02   ........5(......
            0030   ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d8 fb   ...0............
            0040   bf 79 00 00 00 00 01 03 03 0a                     .y........

            """;
        var frames = Read(one + one);
        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal(Syn, f));
    }

    [Fact]
    public void Plain_hex_one_frame_per_paragraph()
    {
        var frames = Read("45 00 00 14 00 01 00 00\n40 06 00 00 7f 00 00 01\n7f 00 00 01\n\n45:00:00:14:00:01:00:00:40:06:00:00\n7f0000017f000001\n", link: 101);
        Assert.Equal(2, frames.Count);
        Assert.Equal(Convert.FromHexString("4500001400010000400600007f0000017f000001"), frames[0]);
        Assert.Equal(frames[0], frames[1]);
    }

    [Fact]
    public void A_repeated_offset_cuts_back_an_ascii_column_read_as_hex()
    {
        // "cafe" in the ASCII column looks like two bytes; the next offset says the line had four.
        var frames = Read("0000  45 00 00 14   cafe\n0004  00 01 00 00\n", link: 101);
        Assert.Equal(Convert.FromHexString("4500001400010000"), Assert.Single(frames));
    }

    [Fact]
    public void Skipped_bytes_and_odd_digits_are_named_with_their_line()
    {
        var e = Assert.Throws<CaptureFormatException>(() => Read("0000  45 00\n0010  00 01\n"));
        Assert.Equal("line 2: offset 0x10 skips bytes (frame 1 has 2)", e.Message);
        e = Assert.Throws<CaptureFormatException>(() => Read("45 00 0\n"));
        Assert.Equal("line 1: an odd number of hex digits", e.Message);
    }

    [Fact]
    public void Mutated_text_gives_frames_or_a_named_error_nothing_else()
    {
        const string text = "\t0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.\n\t0x0010:  003c dbf2 4000 4006 60c7 7f00 0001 7f00  .<..@.@.`.......\n" +
                            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 08 00 45 00  |..............E.|\n0000004a\n45 00 00 14\n\n";
        const string alphabet = "0123456789abcdefx: \t\n|.";
        var rng = new Random(9);
        for (int i = 0; i < 20_000; i++)
        {
            var chars = text.ToCharArray();
            for (int m = rng.Next(1, 6); m > 0; m--) chars[rng.Next(chars.Length)] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                Read(new string(chars, 0, rng.Next(chars.Length + 1)));
            }
            catch (CaptureFormatException)
            {
            }
        }
    }
}
