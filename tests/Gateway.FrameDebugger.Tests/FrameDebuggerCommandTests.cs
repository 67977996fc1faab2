using Gateway.Core.Frames.Tests;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

public class FrameDebuggerCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("framedbg-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static (int Exit, string Out, string Err) Run(string path, int? explain = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.Run(path, explain, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void One_line_per_frame()
    {
        var (exit, output, error) = Run(Data("loopback-smtp-like.pcap"));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(13, lines.Length);
        Assert.Contains("127.0.0.1:47240 > 127.0.0.1:2526  TCP SYN seq=226702632 win=65495 len=0", lines[0]);
        Assert.Contains("TCP SYN ACK", lines[1]);
        Assert.Contains("TCP PSH ACK seq=3601010956 ack=226702633 win=64 len=16", lines[3]);
        Assert.DoesNotContain("checksum", output); // offloaded loopback checksums are not anomalies
    }

    [Fact]
    public void Explain_shows_layers_fields_meanings_and_a_marked_hex_dump()
    {
        var (exit, output, _) = Run(Data("loopback-smtp-like.pcap"), explain: 1);
        Assert.Equal(0, exit);
        Assert.StartsWith("frame 1: 74 bytes captured of 74,", output);
        Assert.Contains(" \\_ TCP src=47240 dst=2526 SYN seq=226702632 win=65495 len=0 opts=MSS=65495,SACK_PERM,TS=3640377209/0,NOP,WS=10 cksum=offloaded", output);
        Assert.Contains("TTL                        = 64", output);
        Assert.Contains("hops left before a router drops the packet", output);
        Assert.Contains("0000  00 00 00 00 00 00 00 00  00 00 00 00 08 00 45 00", output);
        Assert.Contains("      E  E  E  E  E  E  E  E   E  E  E  E  E  E  4  4", output);
    }

    [Fact]
    public void Linux_cooked_v2_and_nanoseconds()
    {
        var (exit, output, _) = Run(Data("any-sll2-nanosecond.pcap"));
        Assert.Equal(0, exit);
        Assert.Equal(12, output.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("TCP SYN", output);
    }

    [Fact]
    public void Anomalies_are_flagged_on_the_line()
    {
        var path = Write("anomalies.pcap", CaptureWriter.Pcap(false, false, 1,
            (1, 0, SampleFrames.LoopbackSynCorrupt), (2, 0, SampleFrames.SackEcnZeroWindow), (3, 0, SampleFrames.Ipv4FirstFragment),
            (4, 0, SampleFrames.EhloData.AsSpan(0, 40).ToArray())));
        var lines = Run(path).Out.TrimEnd('\n').Split('\n');
        Assert.EndsWith("[bad TCP checksum]", lines[0]);
        Assert.EndsWith("[zero window]", lines[1]);
        Assert.EndsWith("[fragment]", lines[2]);
        Assert.EndsWith("[IPv4: truncated at offset 40]", lines[3]);
    }

    [Fact]
    public void Hex_text_is_read_with_the_link_type_given()
    {
        var path = Write("syn.txt", System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(SampleFrames.RawIpv4Fin) + "\n"));
        var output = new StringWriter();
        int exit = FrameDebuggerCommand.Run(path, null, output, new StringWriter(), hexLinkType: 101);
        Assert.Equal(0, exit);
        Assert.Contains("127.0.0.1:1110 > 127.0.0.1:50000  TCP FIN ACK", output.ToString());
    }

    [Fact]
    public void Json_is_one_object_per_frame_per_line()
    {
        var output = new StringWriter();
        int exit = FrameDebuggerCommand.Run(Data("loopback-smtp-like.pcap"), null, output, new StringWriter(), json: true);
        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(13, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(1, root.GetProperty("frame").GetInt32());
        Assert.Equal(3, root.GetProperty("layers").GetArrayLength());
        Assert.Equal("TCP", root.GetProperty("layers")[2].GetProperty("layer").GetString());
        Assert.Equal("offloaded", root.GetProperty("checksums").GetProperty("transport").GetString());
        Assert.Equal(0, root.GetProperty("anomalies").GetArrayLength());
    }

    [Fact]
    public void Json_explain_has_every_field()
    {
        var output = new StringWriter();
        FrameDebuggerCommand.Run(Data("loopback-smtp-like.pcap"), 4, output, new StringWriter(), json: true);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var ip = doc.RootElement.GetProperty("layers")[1];
        var ttl = ip.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "TTL");
        Assert.Equal(22, ttl.GetProperty("offset").GetInt32());
        Assert.Equal("40", ttl.GetProperty("raw").GetString());
        Assert.Equal("64", ttl.GetProperty("value").GetString());
        Assert.StartsWith("hops left", ttl.GetProperty("meaning").GetString());
        Assert.Equal(16, doc.RootElement.GetProperty("payload").GetProperty("length").GetInt32());
        Assert.Equal(82 * 2, doc.RootElement.GetProperty("hex").GetString()!.Length);
    }

    [Fact]
    public void Missing_file_is_one_line_and_non_zero()
    {
        var (exit, output, error) = Run(Path.Combine(_dir, "nope.pcap"));
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        Assert.Equal("", output);
        Assert.StartsWith("framedbg: cannot read nope.pcap: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Wrong_magic_is_one_line_and_non_zero()
    {
        var (exit, _, error) = Run(Write("notes.txt", "hello, this is text\n"u8.ToArray()));
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        Assert.Equal("framedbg: notes.txt: not a pcap or pcapng file: magic 0x68656c6c\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Unknown_link_type_is_one_line_and_non_zero()
    {
        var (exit, _, error) = Run(Write("usb.pcap", CaptureWriter.Pcap(false, false, 189, (1, 0, SampleFrames.EhloData))));
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        Assert.Equal("framedbg: usb.pcap: unknown link type 189 (frame 1, interface 0)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_damaged_record_stops_there_and_says_which()
    {
        var file = CaptureWriter.Pcap(false, false, 1, (1, 0, SampleFrames.EhloData), (2, 0, SampleFrames.EhloData));
        var (exit, output, error) = Run(Write("cut.pcap", file.AsSpan(0, file.Length - 1).ToArray()));
        Assert.Equal(FrameDebuggerCommand.ExitDamaged, exit);
        Assert.Single(output.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("framedbg: cut.pcap: record 2 is damaged:", error);
    }

    [Fact]
    public void Explain_beyond_the_last_frame_says_how_many_there_are()
    {
        var (exit, _, error) = Run(Data("loopback-smtp-like.pcap"), explain: 99);
        Assert.Equal(FrameDebuggerCommand.ExitUnreadable, exit);
        Assert.Equal("framedbg: loopback-smtp-like.pcap: no frame 99; the capture has 13\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_masks_a_password_in_the_hex_dump_and_the_json_unless_secrets_are_shown()
    {
        var output = new StringWriter();
        Assert.Equal(0, FrameDebuggerCommand.Run(Data("rig-pop3-plain.pcap"), 9, output, new StringWriter()));
        Assert.Contains("PASS *********", output.ToString());
        Assert.DoesNotContain("device-pa", output.ToString());
        var json = new StringWriter();
        FrameDebuggerCommand.Run(Data("rig-pop3-plain.pcap"), 9, json, new StringWriter(), json: true);
        Assert.Contains("50415353202a2a2a2a2a2a2a2a2a2a2a0d0a", json.ToString()); // "PASS ***********\r\n"
        var shown = new StringWriter();
        FrameDebuggerCommand.Run(Data("rig-pop3-plain.pcap"), 9, shown, new StringWriter(), showSecrets: true);
        Assert.Contains("PASS device-pa", shown.ToString());
    }

    [Fact]
    public void Dialogue_json_through_the_command_writes_one_json_object_per_connection()
    {
        var output = new StringWriter();
        Assert.Equal(0, FrameDebuggerCommand.Run(Data("rig-traffic.pcap"), null, output, new StringWriter(), json: true, dialogue: true));
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 10, $"{lines.Length} connections");
        foreach (var line in lines)
            Assert.True(System.Text.Json.JsonDocument.Parse(line).RootElement.TryGetProperty("entries", out _), line);
        Assert.DoesNotContain("device-pass", output.ToString());
    }

    static (int Exit, string Out, string Err) RunLines(string path, bool json = false, bool showSecrets = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.Run(path, null, output, error, json: json, showSecrets: showSecrets);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Each_frame_line_says_which_mail_line_it_carried_with_the_password_redacted()
    {
        var (exit, output, _) = RunLines(Data("rig-pop3-plain.pcap"));
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.EndsWith("len=29  POP3 S: +OK Dovecot (Debian) ready.", lines[3].TrimEnd());
        Assert.Contains(lines, l => l.Contains("  POP3 C: USER device@gateway.test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("  POP3 C: PASS ********", StringComparison.Ordinal));
        Assert.DoesNotContain("device-pass", output);
        Assert.Contains(lines, l => l.Contains("  POP3 S: +OK ", StringComparison.Ordinal) && l.Contains("more)", StringComparison.Ordinal)); // RETR: the mail's lines
    }

    [Fact]
    public void With_show_secrets_the_owner_sees_the_password_on_its_frame_line()
    {
        var (_, output, _) = RunLines(Data("rig-pop3-plain.pcap"), showSecrets: true);
        Assert.Contains("POP3 C: PASS device-pass", output);
    }

    [Fact]
    public void Retransmitted_and_out_of_order_segments_are_flagged_on_their_frame_lines()
    {
        var path = Write("stream.pcap", DialogueTests.Capture(
            DialogueTests.Frame(40002, 2525, 100, DialogueTests.Syn, ""),
            DialogueTests.Frame(40002, 2525, 113, DialogueTests.Psh, "RCPT TO:<a@b>\r\n"),
            DialogueTests.Frame(40002, 2525, 101, DialogueTests.Psh, "MAIL FROM:\r\n"),
            DialogueTests.Frame(40002, 2525, 101, DialogueTests.Psh, "MAIL FROM:\r\n"),
            DialogueTests.Frame(2525, 40002, 1, DialogueTests.Psh, "250 ok\r\n250 ok\r\n")));
        var (exit, output, _) = RunLines(path);
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        // (The hand-built frames carry no checksums, which the line flags too.)
        Assert.Contains("[out of order; ", lines[1]);
        Assert.Contains("SMTP C: MAIL FROM: (+1 more)", lines[2]); // the gap filled: both lines complete here
        Assert.Contains("[retransmission; ", lines[3]);
        Assert.DoesNotContain("SMTP C:", lines[3]);
        Assert.DoesNotContain("retransmission", lines[2]);
    }

    [Fact]
    public void A_connection_that_stops_mid_command_is_named_after_the_last_frame()
    {
        var (exit, output, _) = RunLines(Data("rig-smtp-dropped.pcap"));
        Assert.Equal(0, exit);
        var last = output.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("    ! SMTP 127.0.0.1:", last);
        Assert.Contains("stops mid-command: \"DATA (message of 3 line(s) so far", last);
    }

    [Fact]
    public void Json_lines_say_what_each_frame_carried_and_end_with_the_connections_trouble()
    {
        var (exit, output, _) = RunLines(Data("rig-smtp-dropped.pcap"), json: true);
        Assert.Equal(0, exit);
        var docs = output.TrimEnd('\n').Split('\n').Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var mail = docs.Single(d => d.TryGetProperty("carries", out var c) && c.GetArrayLength() > 0
            && c[0].GetProperty("text").GetString()!.StartsWith("MAIL FROM:", StringComparison.Ordinal));
        Assert.Equal("client", mail.GetProperty("carries")[0].GetProperty("from").GetString());
        Assert.Equal("SMTP", mail.GetProperty("carries")[0].GetProperty("protocol").GetString());
        var end = docs[^1];
        Assert.Equal("SMTP", end.GetProperty("connection").GetProperty("protocol").GetString());
        Assert.Equal("stops-mid-command", end.GetProperty("anomalies")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Explain_names_the_frames_stream_anomaly_and_what_it_carried()
    {
        var path = Write("stream.pcap", DialogueTests.Capture(
            DialogueTests.Frame(40002, 2525, 100, DialogueTests.Syn, ""),
            DialogueTests.Frame(40002, 2525, 101, DialogueTests.Psh, "MAIL FROM:\r\n"),
            DialogueTests.Frame(40002, 2525, 101, DialogueTests.Psh, "MAIL FROM:\r\n")));
        var (_, second, _) = Run(path, explain: 2);
        Assert.Contains("\ncarries: SMTP C: MAIL FROM:\n", second);
        var (_, third, _) = Run(path, explain: 3);
        Assert.Contains("\nanomalies: retransmission; ", third);
        Assert.DoesNotContain("\ncarries: ", third);
    }
}
