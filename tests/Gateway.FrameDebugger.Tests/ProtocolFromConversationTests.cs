using System.Text.Json;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;
using Gateway.FrameDebugger.Tests.Support;
using static Gateway.FrameDebugger.Tests.DialogueTests;

namespace Gateway.FrameDebugger.Tests;

/// <summary>A connection's protocol comes from what it says; the port is only a hint (real rig captures, also moved to other ports).</summary>
public class ProtocolFromConversationTests
{
    static byte[] Data(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", name));

    static byte[] Moved(string name, int from, int to) => PortRewriter.Rewrite(Data(name), new Dictionary<int, int> { [from] = to });

    static IReadOnlyList<DialogueConnection> Connections(byte[] pcap) =>
        MailDialogue.Read(CaptureReader.Open(new MemoryStream(pcap)), showSecrets: false).Connections;

    [Fact]
    public void Imap_on_the_rigs_port_1143_is_named_from_its_greeting_and_tagged_commands()
    {
        var connections = Connections(Data("rig-imap-plain.pcap"));
        Assert.Equal(7, connections.Count);
        Assert.All(connections, c => Assert.Equal("IMAP", c.Protocol));
        Assert.Equal("server greeting \"* OK\", then client tagged command LOGIN", connections[0].Evidence);
        Assert.Equal("server greeting \"* OK\", then client tagged command AUTHENTICATE", connections[1].Evidence);
    }

    [Fact]
    public void Imap_moved_to_pop3s_port_is_still_imap_and_pop3_moved_to_imaps_port_is_still_pop3()
    {
        Assert.All(Connections(Moved("rig-imap-plain.pcap", 1143, 110)), c => Assert.Equal("IMAP", c.Protocol));
        var pop3 = Connections(Moved("rig-pop3-auth.pcap", 1110, 143));
        Assert.All(pop3, c => Assert.Equal("POP3", c.Protocol));
        Assert.Equal(["USER", "AUTH", "AUTH", "AUTH"], pop3.Select(c => c.Evidence.Split(' ')[^1]));
    }

    [Fact]
    public void Smtp_on_an_unknown_port_is_smtp_until_starttls_and_tls_records_after()
    {
        var c = Assert.Single(Connections(Moved("rig-smtp-starttls.pcap", 2587, 8025)));
        Assert.Equal("SMTP", c.Protocol);
        Assert.Equal("server greeting \"220\", then client command EHLO", c.Evidence);
        Assert.Contains(c.Entries, e => e.Kind == DialogueEntryKind.Tls && e.Text.Contains("ClientHello"));
    }

    [Fact]
    public void The_rewritten_capture_has_the_new_ports_and_correct_tcp_checksums()
    {
        var output = new StringWriter();
        var path = Path.Combine(Path.GetTempPath(), $"framedbg-moved-{Environment.ProcessId}.pcap");
        File.WriteAllBytes(path, Moved("rig-pop3-plain.pcap", 1110, 10110));
        try
        {
            Assert.Equal(0, FrameDebuggerCommand.Run(path, null, output, new StringWriter(), json: true));
        }
        finally
        {
            File.Delete(path);
        }
        var frames = output.ToString().TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(24, frames.Count);
        Assert.All(frames, f => Assert.Equal("valid", f.GetProperty("checksums").GetProperty("transport").GetString()));
        Assert.All(frames, f => Assert.Matches("(src|dst)=10110 ", f.GetProperty("layers")[2].GetProperty("summary").GetString()));
        Assert.Contains(frames, f => f.GetProperty("carries").GetArrayLength() > 0 && f.GetProperty("carries")[0].GetProperty("protocol").GetString() == "POP3");
    }

    [Fact]
    public void A_connection_that_starts_with_a_tls_client_hello_is_tls_and_the_port_says_what_may_be_inside()
    {
        var pops = Connections(Data("rig-traffic.pcap")).Where(c => c.ServerPort == 1995).ToList();
        Assert.NotEmpty(pops);
        Assert.All(pops, c => Assert.Equal("TLS", c.Protocol));
        Assert.All(pops, c => Assert.Equal("TLS ClientHello first (encrypted from the start)", c.Evidence));
        var imaps = Assert.Single(Connections(Moved("rig-traffic.pcap", 1995, 993)).Where(c => c.ServerPort == 993).Take(1));
        Assert.Equal("IMAP", imaps.Protocol);
        Assert.Equal("TLS ClientHello first; IMAP inside by port 993 (a hint)", imaps.Evidence);
    }

    [Fact]
    public void A_well_known_port_is_only_a_hint_until_something_is_said()
    {
        var c = Assert.Single(Connections(DialogueTests.Capture(Frame(40000, 143, 1, Syn, ""), Frame(143, 40000, 9, SynAck, ""))));
        Assert.Equal("IMAP", c.Protocol);
        Assert.Equal("port 143 only (a hint; nothing said yet)", c.Evidence);
        var smtp = Assert.Single(Connections(DialogueTests.Capture(Frame(40000, 143, 1, Syn, ""), Frame(143, 40000, 9, Psh, "220 mail ESMTP\r\n"), Frame(40000, 143, 2, Psh, "EHLO x\r\n"))));
        Assert.Equal("SMTP", smtp.Protocol);
    }

    [Fact]
    public void A_greeting_the_client_contradicts_is_not_recognised()
    {
        // FTP greets with 220 too, then says USER: neither SMTP nor POP3.
        var c = Assert.Single(Connections(DialogueTests.Capture(Frame(40000, 2121, 1, Syn, ""), Frame(2121, 40000, 9, Psh, "220 ftp ready\r\n"), Frame(40000, 2121, 2, Psh, "USER anonymous\r\nPASS guest-secret\r\n"))));
        Assert.Equal("TCP", c.Protocol);
        Assert.Contains("but client command USER (POP3): not recognised", c.Evidence);
        Assert.DoesNotContain(c.Entries, e => e.Text.Contains("guest-secret"));
    }

    [Fact]
    public void The_dialogue_text_and_json_say_what_decided_the_protocol()
    {
        var text = new StringWriter();
        var json = new StringWriter();
        var pcap = Moved("rig-pop3-plain.pcap", 1110, 10110);
        MailDialogue.Read(CaptureReader.Open(new MemoryStream(pcap)), false).Write(text);
        DialogueJson.Write(MailDialogue.Read(CaptureReader.Open(new MemoryStream(pcap)), false), json);
        Assert.Contains("POP3 127.0.0.1:", text.ToString());
        Assert.Contains("  protocol from: server greeting \"+OK\", then client command USER", text.ToString());
        var connection = JsonDocument.Parse(json.ToString()).RootElement;
        Assert.Equal("POP3", connection.GetProperty("protocol").GetString());
        Assert.Equal("server greeting \"+OK\", then client command USER", connection.GetProperty("evidence").GetString());
    }
}
