using System.Text;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// The one-line view writes bytes straight to the stream under a StreamWriter (the console), strings to
/// any other writer: both must say the same, byte for byte, closing lines included.
/// </summary>
public class OneLineStreamTests
{
    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    [Theory]
    [InlineData("rig-traffic.pcap")]
    [InlineData("rig-smtp-dropped.pcap")]
    [InlineData("any-sll2-nanosecond.pcap")]
    public void Bytes_to_a_stream_are_the_lines_a_text_writer_gets(string capture)
    {
        var text = new StringWriter();
        Assert.Equal(FrameDebuggerCommand.ExitOk, FrameDebuggerCommand.Run(Data(capture), null, text, new StringWriter()));

        var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            Assert.Equal(FrameDebuggerCommand.ExitOk, FrameDebuggerCommand.Run(Data(capture), null, writer, new StringWriter()));

        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Fact]
    public void The_closing_line_comes_after_the_frames_on_the_stream()
    {
        var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            FrameDebuggerCommand.Run(Data("rig-smtp-dropped.pcap"), null, writer, new StringWriter());
        var lines = Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(18, lines.Length); // 17 frames, then the session that stops mid-command
        Assert.StartsWith("    ! SMTP ", lines[^1]);
        Assert.Contains("stops mid-command", lines[^1]);
    }

    [Fact]
    public void A_damaged_record_still_shows_every_frame_before_it_on_the_stream()
    {
        var whole = File.ReadAllBytes(Data("rig-traffic.pcap"));
        var cut = Path.Combine(Path.GetTempPath(), "framedbg-cut-" + Guid.NewGuid().ToString("N") + ".pcap");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        try
        {
            var bytes = new MemoryStream();
            using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                Assert.Equal(FrameDebuggerCommand.ExitDamaged, FrameDebuggerCommand.Run(cut, null, writer, new StringWriter()));
            var text = new StringWriter();
            FrameDebuggerCommand.Run(cut, null, text, new StringWriter());
            Assert.True(text.ToString().Length > 1000);
            Assert.Equal(text.ToString(), Encoding.UTF8.GetString(bytes.ToArray()));
        }
        finally
        {
            File.Delete(cut);
        }
    }
}
