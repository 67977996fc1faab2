using System.Diagnostics;
using System.Text;
using Gateway.Mail.Mime;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class MimeReaderPropertyTests
{
    readonly ITestOutputHelper _output;

    public MimeReaderPropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    // Pieces that hit the reader's state machines: boundaries, encodings, folds, entities, bad bytes.
    static readonly string[] Junk =
    {
        "--", "--000000000000a1b2c3d4e5f60718", "--outer-7f3a--", "--inner-81c2", "=", "=C3", "=\r\n", "\r\n", "\r\n\r\n",
        " ", "\t", ":", "Content-Type: multipart/mixed; boundary=x\r\n", "Content-Transfer-Encoding: base64\r\n",
        "=?utf-8?B?", "?=", "<", ">", "&#", "&amp", "<!--", "<script>", "\u00ff", "\u00c3", "A===", "*",
    };

    static byte[] Mutate(byte[] message, Random rng)
    {
        var b = new List<byte>(message);
        int ops = rng.Next(1, 5);
        for (int k = 0; k < ops && b.Count > 0; k++)
        {
            int at = rng.Next(b.Count);
            switch (rng.Next(5))
            {
                case 0: // truncate
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 1: // flip a byte
                    b[at] = (byte)rng.Next(256);
                    break;
                case 2: // delete a range
                    b.RemoveRange(at, Math.Min(b.Count - at, rng.Next(1, 200)));
                    break;
                case 3: // insert a piece that means something to a parser
                    b.InsertRange(at, Encoding.Latin1.GetBytes(Junk[rng.Next(Junk.Length)]));
                    break;
                default: // repeat a stretch
                    int n = Math.Min(b.Count - at, rng.Next(1, 300));
                    b.InsertRange(at, b.GetRange(at, n));
                    break;
            }
        }
        return b.ToArray();
    }

    static MimeLimits Small() => new() { MaxHeaderLine = 100, MaxHeaderBlock = 1000, MaxDepth = 2, MaxTextChars = 64, ChunkSize = 16 };

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Truncated_and_mutated_messages_never_throw_and_stay_within_limits(MimeVector vector)
    {
        var rng = new Random(20261127 ^ vector.Name.Length);
        var reader = new MimeReader(Small());
        for (int i = 0; i < 300; i++)
        {
            var message = Mutate(vector.Bytes, rng);
            reader.Reset();
            MimeFeed.Lines(reader, message);
            reader.End();
            Assert.True(reader.Text.Length <= 64, $"iteration {i}: text of {reader.Text.Length}");
            Assert.True(reader.Subject.Length <= 100, $"iteration {i}: subject of {reader.Subject.Length}");
            Assert.True(reader.From.Length <= 100, $"iteration {i}: from of {reader.From.Length}");
        }
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Mutated_messages_read_with_default_limits_never_throw(MimeVector vector)
    {
        var rng = new Random(7 * vector.Name.Length + 1);
        var reader = new MimeReader();
        for (int i = 0; i < 300; i++)
        {
            reader.Reset();
            MimeFeed.Lines(reader, Mutate(vector.Bytes, rng));
            reader.End();
            Assert.True(reader.Text.Length <= new MimeLimits().MaxTextChars);
        }
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Every_truncation_of_a_vector_reads_without_throwing(MimeVector vector)
    {
        var bytes = vector.Bytes;
        var reader = new MimeReader();
        for (int cut = 0; cut <= bytes.Length; cut += 7)
        {
            reader.Reset();
            MimeFeed.Lines(reader, bytes[..cut]);
            reader.End();
            Assert.True(reader.Ended);
        }
    }

    static long AllocatedWhileReadingAttachment(long attachmentBytes, out string text, out TimeSpan elapsed)
    {
        var reader = new MimeReader();
        var head = Encoding.ASCII.GetBytes(string.Join("\r\n",
            "From: ann@example.org", "Subject: readings", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain; charset=utf-8", "",
            "status", "--b", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=big.bin",
            "Content-Transfer-Encoding: base64", "") + "\r\n");
        var line = Encoding.ASCII.GetBytes("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0");
        var tail = Encoding.ASCII.GetBytes("--b--");
        // Warm up the code paths once so JIT and first-use costs are not counted.
        MimeFeed.Lines(reader, head);
        reader.Line(line, 0, line.Length);
        reader.Reset();

        var watch = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        MimeFeed.Lines(reader, head);
        for (long sent = 0; sent < attachmentBytes; sent += line.Length + 2)
            reader.Line(line, 0, line.Length);
        reader.Line(tail, 0, tail.Length);
        reader.End();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        elapsed = watch.Elapsed;
        text = reader.Text;
        return allocated;
    }

    [Fact]
    public void Memory_for_a_10_MB_attachment_stays_far_below_its_size()
    {
        long allocated = AllocatedWhileReadingAttachment(10L * 1024 * 1024, out string text, out var elapsed);
        _output.WriteLine($"10 MB attachment: {allocated} bytes allocated, {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("status", text);
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Memory_does_not_grow_with_the_attachment_size()
    {
        long small = AllocatedWhileReadingAttachment(10 * 1024, out _, out var t1);
        long medium = AllocatedWhileReadingAttachment(1024 * 1024, out _, out var t2);
        long large = AllocatedWhileReadingAttachment(10L * 1024 * 1024, out _, out var t3);
        _output.WriteLine($"allocated: 10 KB -> {small} B ({t1.TotalMilliseconds:F1} ms), 1 MB -> {medium} B ({t2.TotalMilliseconds:F1} ms), 10 MB -> {large} B ({t3.TotalMilliseconds:F1} ms)");
        Assert.Equal(small, large);
        Assert.Equal(small, medium);
    }

    [Fact]
    public void A_reader_costs_a_fixed_amount_of_memory_set_by_its_limits()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new MimeReader();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"new MimeReader() with default limits: {allocated} bytes");
        Assert.True(allocated < 32 * 1024, $"allocated {allocated} bytes");
        GC.KeepAlive(reader);
    }
}
