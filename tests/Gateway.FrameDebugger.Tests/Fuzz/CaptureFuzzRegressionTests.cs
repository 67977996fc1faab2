using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Tests.Fuzz;

/// <summary>
/// Inputs afl-fuzz found that broke a capture reader (tools/fuzz/run pcap|hex), replayed: each now gives
/// frames or a CaptureFormatException, nothing else.
/// </summary>
public class CaptureFuzzRegressionTests
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Regressions");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.bin").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    static CaptureReader Open(string name, byte[] bytes) =>
        name.StartsWith("hex-", StringComparison.Ordinal) ? new HexDumpReader(new MemoryStream(bytes), 1) : CaptureReader.Open(new MemoryStream(bytes));

    [Theory]
    [MemberData(nameof(Files))]
    public void A_found_input_gives_frames_or_a_capture_format_error(string name)
    {
        Assert.True(name.StartsWith("hex-", StringComparison.Ordinal) || name.StartsWith("pcap-", StringComparison.Ordinal), name + ": named for neither reader");
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        try
        {
            var reader = Open(name, bytes);
            var record = new CaptureRecord();
            while (reader.TryRead(record))
                Assert.InRange(record.Length, 0, record.Data.Length);
        }
        catch (CaptureFormatException)
        {
            // The readers' own error, naming the damage: the right answer.
        }
    }

    [Theory]
    [InlineData("hex-offset-overflow-index.bin", "ffffffffffffffff")]
    [InlineData("hex-offset-overflow-count.bin", "ffffffff7fffffff")]
    public void An_offset_of_sixteen_hex_digits_that_overflows_is_named_not_a_crash(string name, string offset)
    {
        // Before: the offset overflowed to a negative number and List.RemoveRange threw ArgumentOutOfRangeException.
        var reader = Open(name, File.ReadAllBytes(Path.Combine(Folder, name)));
        var e = Assert.Throws<CaptureFormatException>(() => reader.TryRead(new CaptureRecord()));
        Assert.Equal($"line 2: offset 0x{offset} skips bytes (frame 1 has 2)", e.Message);
    }
}
