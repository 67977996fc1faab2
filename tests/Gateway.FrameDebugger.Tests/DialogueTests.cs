using System.Text;
using System.Text.Json;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

public class DialogueTests
{
    static string Dialogue(byte[] pcap, bool showSecrets = false)
    {
        var output = new StringWriter();
        MailDialogue.Read(CaptureReader.Open(new MemoryStream(pcap)), showSecrets).Write(output);
        return output.ToString();
    }

    /// <summary>Ethernet (zero MACs) / IPv4 127.0.0.1 -> 127.0.0.1 / TCP with the given ports, seq, flags and payload.</summary>
    internal static byte[] Frame(int src, int dst, uint seq, byte flags, string payload, ushort window = 0xffff)
    {
        var data = Encoding.ASCII.GetBytes(payload);
        var f = new byte[14 + 20 + 20 + data.Length];
        f[12] = 0x08; // IPv4
        int ip = 14;
        f[ip] = 0x45;
        int total = 40 + data.Length;
        f[ip + 2] = (byte)(total >> 8); f[ip + 3] = (byte)total;
        f[ip + 8] = 64; f[ip + 9] = 6;
        f[ip + 12] = 127; f[ip + 15] = 1; f[ip + 16] = 127; f[ip + 19] = 1;
        int t = 34;
        f[t] = (byte)(src >> 8); f[t + 1] = (byte)src; f[t + 2] = (byte)(dst >> 8); f[t + 3] = (byte)dst;
        f[t + 4] = (byte)(seq >> 24); f[t + 5] = (byte)(seq >> 16); f[t + 6] = (byte)(seq >> 8); f[t + 7] = (byte)seq;
        f[t + 12] = 0x50; f[t + 13] = flags; f[t + 14] = (byte)(window >> 8); f[t + 15] = (byte)window;
        data.CopyTo(f, 54);
        return f;
    }

    internal const byte Syn = 0x02, Ack = 0x10, Psh = 0x18, SynAck = 0x12, RstAck = 0x14;

    internal static byte[] Capture(params byte[][] frames) =>
        CaptureWriter.Pcap(false, false, 1, frames.Select((f, i) => ((uint)(1_800_000_000 + i), 0u, f)).ToArray());

    [Fact]
    public void A_plain_smtp_session_is_shown_line_by_line_with_its_frames_and_the_auth_is_redacted()
    {
        const int C = 40000, S = 2525;
        var secret = Convert.ToBase64String(Encoding.ASCII.GetBytes("\0device@gateway.test\0device-pass"));
        var pcap = Capture(
            Frame(C, S, 1000, Syn, ""),
            Frame(S, C, 5000, SynAck, ""),
            Frame(S, C, 5001, Psh, "220 mail ESMTP\r\n"),
            Frame(C, S, 1001, Psh, "EHLO dev\r\n"),
            Frame(S, C, 5017, Psh, "250-mail\r\n250 AUTH PLAIN LOGIN\r\n"),
            Frame(C, S, 1011, Psh, "AUTH PLAIN " + secret + "\r\n"),
            Frame(S, C, 5049, Psh, "235 2.7.0 ok\r\n"),
            Frame(C, S, 1011 + 13 + (uint)secret.Length, Psh, "QUIT\r\n"));

        var text = Dialogue(pcap);
        Assert.Contains("SMTP 127.0.0.1:40000 -> 127.0.0.1:2525 (from frame #1)", text);
        Assert.Contains("#3 S: 220 mail ESMTP", text);
        Assert.Contains("#4 C: EHLO dev", text);
        Assert.Contains("#6 C: AUTH PLAIN ********", text);
        Assert.DoesNotContain(secret, text);
        Assert.True(text.Contains("stops mid-command: \"QUIT\" got no reply"), text);
        Assert.Contains(secret, Dialogue(pcap, showSecrets: true));
    }

    [Fact]
    public void Auth_login_answers_and_pop3_pass_are_redacted()
    {
        var user = Convert.ToBase64String(Encoding.ASCII.GetBytes("device"));
        var smtp = Capture(
            Frame(40001, 587, 1, Psh, "AUTH LOGIN\r\n"),
            Frame(587, 40001, 1, Psh, "334 VXNlcm5hbWU6\r\n"),
            Frame(40001, 587, 13, Psh, user + "\r\n"),
            Frame(587, 40001, 19, Psh, "334 UGFzc3dvcmQ6\r\n"),
            Frame(40001, 587, 13 + (uint)user.Length + 2, Psh, "c2VjcmV0\r\n"),
            Frame(50000, 110, 1, Psh, "USER device\r\n"),
            Frame(50000, 110, 14, Psh, "PASS hunter2\r\n"),
            Frame(110, 50000, 1, Psh, "+OK logged in\r\n"));
        var text = Dialogue(smtp);
        Assert.DoesNotContain("c2VjcmV0", text);
        Assert.DoesNotContain("hunter2", text);
        Assert.Contains("PASS ********", text);
        Assert.Contains("POP3 127.0.0.1:50000 -> 127.0.0.1:110", text);
    }

    [Fact]
    public void Out_of_order_and_retransmitted_segments_are_put_back_once_and_flagged()
    {
        var pcap = Capture(
            Frame(40002, 2525, 100, Syn, ""),
            Frame(40002, 2525, 113, Psh, "RCPT TO:<a@b>\r\n"),   // arrives before the segment it follows
            Frame(40002, 2525, 101, Psh, "MAIL FROM:\r\n"),
            Frame(40002, 2525, 101, Psh, "MAIL FROM:\r\n"),       // retransmitted
            Frame(2525, 40002, 1, Psh, "250 ok\r\n250 ok\r\n"));
        var text = Dialogue(pcap);
        int mail = text.IndexOf("C: MAIL FROM:", StringComparison.Ordinal), rcpt = text.IndexOf("C: RCPT TO:<a@b>", StringComparison.Ordinal);
        Assert.True(mail >= 0 && rcpt > mail, text);
        Assert.Equal(1, text.Split("C: MAIL FROM:").Length - 1);
        Assert.Contains("1 retransmitted segment(s)", text);
        Assert.Contains("1 out-of-order segment(s)", text);
    }

    [Fact]
    public void The_rigs_own_capture_shows_pipelining_starttls_and_a_lost_segment()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "rig-traffic.pcap");
        var text = Dialogue(File.ReadAllBytes(path));
        Assert.Contains("C: STARTTLS", text);
        Assert.Contains("S: 220 2.0.0 Ready to start TLS", text);
        Assert.Contains("C: TLS: handshake: ClientHello", text);
        // The benchmark's plain session: MAIL, RCPT and DATA in one frame.
        Assert.Matches(@"#(\d+) C: MAIL FROM:<device@gateway.test> SIZE=\d+ BODY=8BITMIME\s+#\1 C: RCPT TO:<ops@gateway.test>\s+#\1 C: DATA", text);
        Assert.Contains("byte(s) never captured", text);
        Assert.DoesNotContain("device-pass", text);
    }

    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    static string DialogueOf(string capture) => Dialogue(File.ReadAllBytes(Data(capture)));

    static List<JsonElement> Json(string capture, bool showSecrets = false)
    {
        var output = new StringWriter();
        DialogueJson.Write(MailDialogue.Read(CaptureReader.Open(File.OpenRead(Data(capture))), showSecrets), output);
        return output.ToString().TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public void A_retransmission_an_overlap_a_zero_window_and_a_reset_are_marked_at_their_frames()
    {
        var pcap = Capture(
            Frame(40003, 2525, 100, Syn, ""),
            Frame(40003, 2525, 101, Psh, "EHLO a\r\n"),
            Frame(40003, 2525, 101, Psh, "EHLO a\r\n"),              // retransmitted whole
            Frame(40003, 2525, 106, Psh, "a\r\nNOOP\r\n"),           // repeats 3 bytes, then new ones
            Frame(2525, 40003, 1, Ack, "", window: 0),
            Frame(40003, 2525, 115, RstAck, ""));
        var text = Dialogue(pcap);
        Assert.Contains("#3 ! retransmission: 8 byte(s) from the client seen before", text);
        Assert.Contains("#4 ! overlap: the client's segment repeats bytes seen before, then carries new ones", text);
        Assert.Contains("#5 ! zero window: the server can take no more data", text);
        Assert.Contains("#6 ! connection reset (RST) by the client", text);
        Assert.Contains("#4 C: NOOP", text);
    }

    [Fact]
    public void A_capture_of_a_plain_pop3_session_on_the_rig_shows_every_command_and_reply_with_the_password_redacted()
    {
        var text = DialogueOf("rig-pop3-plain.pcap");
        Assert.Matches(@"#\d+ S: \+OK Dovecot \(Debian\) ready\.", text);
        Assert.Contains("C: USER device@gateway.test", text);
        Assert.Contains("C: PASS ********", text);
        Assert.DoesNotContain("device-pass", text);
        Assert.Matches(@"C: STAT\s+#\d+ S: \+OK 1 \d+", text);
        Assert.Matches(@"C: RETR 1\s+#\d+ S: \+OK \d+ octets", text);
        Assert.Contains("S: Subject: status", text);
        Assert.Matches(@"C: QUIT\s+#\d+ S: \+OK Logging out\.", text);
        Assert.DoesNotContain("!", text);
    }

    [Fact]
    public void A_capture_of_starttls_on_the_rig_turns_to_tls_records_after_the_servers_220()
    {
        var text = DialogueOf("rig-smtp-starttls.pcap");
        Assert.Matches(@"C: STARTTLS\s+#\d+ S: 220 2\.0\.0 Ready to start TLS\s+#\d+ C: TLS: handshake: ClientHello", text);
        Assert.Contains("S: TLS: handshake: ServerHello", text);
        Assert.DoesNotContain("AUTH", text); // sent inside TLS
        Assert.DoesNotContain("stops mid-command", text);
    }

    [Fact]
    public void A_client_dropped_in_the_middle_of_data_shows_the_reset_and_the_unfinished_message()
    {
        var text = DialogueOf("rig-smtp-dropped.pcap");
        Assert.Matches(@"#(\d+) C: Subject: cut\n  #\1 C: \n  #\1 C: half a bo \(no line end\)", text.Replace("\r", ""));
        Assert.Matches(@"#\d+ ! connection reset \(RST\) by the client", text);
        Assert.Contains("stops mid-command: \"DATA (message of 3 line(s) so far, not ended with \".\")\" got no reply", text);
    }

    [Fact]
    public void Dialogue_json_has_one_object_per_connection_with_entries_and_anomalies()
    {
        var connection = Assert.Single(Json("rig-smtp-dropped.pcap"));
        Assert.Equal("SMTP", connection.GetProperty("protocol").GetString());
        Assert.EndsWith(":2525", connection.GetProperty("server").GetString());
        var entries = connection.GetProperty("entries").EnumerateArray().ToList();
        var greeting = entries[0];
        Assert.Equal("server", greeting.GetProperty("from").GetString());
        Assert.Equal("line", greeting.GetProperty("kind").GetString());
        Assert.StartsWith("220 ", greeting.GetProperty("text").GetString());
        Assert.Equal(4, greeting.GetProperty("frames")[0].GetInt32());
        var reset = entries.Single(e => e.GetProperty("kind").GetString() == "anomaly");
        Assert.Equal("rst", reset.GetProperty("anomaly").GetString());
        var kinds = connection.GetProperty("anomalies").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["rst", "stops-mid-command"], kinds);
        Assert.Equal(reset.GetProperty("frames")[0].GetInt32(), connection.GetProperty("anomalies")[0].GetProperty("frames")[0].GetInt32());
    }

    [Fact]
    public void Dialogue_json_redacts_like_the_text_view()
    {
        var entries = Assert.Single(Json("rig-pop3-plain.pcap")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains("PASS ********", entries);
        Assert.DoesNotContain(entries, e => e!.Contains("device-pass"));
        var shown = Assert.Single(Json("rig-pop3-plain.pcap", showSecrets: true)).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("text").GetString());
        Assert.Contains("PASS device-pass", shown);
    }
}
