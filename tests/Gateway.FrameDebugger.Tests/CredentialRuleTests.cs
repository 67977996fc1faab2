using System.Text;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;
using static Gateway.FrameDebugger.Tests.DialogueTests;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// Every credential form, on a port no protocol owns (7000), so nothing but the rule itself can hide them.
/// Sessions written as the RFCs' examples; client and server sequence numbers count their own bytes.
/// </summary>
public class CredentialRuleTests
{
    const int C = 40000, S = 7000;

    /// <summary>A session of (fromClient, bytes) pieces, one frame each, with the sequence numbers filled in.</summary>
    static byte[] Session(params (bool FromClient, string Bytes)[] pieces)
    {
        uint client = 1001, server = 5001;
        var frames = new List<byte[]> { Frame(C, S, 1000, Syn, ""), Frame(S, C, 5000, SynAck, "") };
        foreach (var (fromClient, bytes) in pieces)
        {
            frames.Add(fromClient ? Frame(C, S, client, Psh, bytes) : Frame(S, C, server, Psh, bytes));
            if (fromClient) client += (uint)Encoding.ASCII.GetByteCount(bytes); else server += (uint)Encoding.ASCII.GetByteCount(bytes);
        }
        return DialogueTests.Capture(frames.ToArray());
    }

    static (bool, string) Client(string s) => (true, s);
    static (bool, string) Server(string s) => (false, s);

    static string Dialogue(byte[] pcap)
    {
        var output = new StringWriter();
        MailDialogue.Read(CaptureReader.Open(new MemoryStream(pcap)), showSecrets: false).Write(output);
        return output.ToString();
    }

    [Fact]
    public void Imap_login_with_a_quoted_user_name_shows_the_user_and_masks_the_atom_password()
    {
        var text = Dialogue(Session(Server("* OK ready\r\n"), Client("a1 LOGIN \"dev ice\" hunter2\r\n"), Server("a1 OK\r\n")));
        Assert.Contains("C: a1 LOGIN \"dev ice\" ********", text);
        Assert.DoesNotContain("hunter2", text);
    }

    [Fact]
    public void An_unterminated_quoted_password_is_masked_to_the_line_end()
    {
        var text = Dialogue(Session(Client("a1 LOGIN dev \"hunter2 and more\r\n")));
        Assert.Contains("C: a1 LOGIN dev ********", text);
        Assert.DoesNotContain("hunter2", text);
    }

    [Fact]
    public void A_literal_password_holding_a_line_end_is_one_secret_and_the_next_command_is_read_again()
    {
        // RFC 7888 LITERAL+: the 7-byte password "hun\r\nt2" holds a CRLF; the line after it is a command again.
        var text = Dialogue(Session(Client("a1 LOGIN {3+}\r\ndev {7+}\r\nhun\r\nt2\r\na2 SELECT INBOX\r\n"), Server("a1 OK\r\n")));
        Assert.Contains("C: dev {7+}", text);
        Assert.Contains("C: ******** (redacted; --show-secrets shows it)", text);
        Assert.Contains("C: a2 SELECT INBOX", text);
        Assert.DoesNotContain("hun", text);
        Assert.DoesNotContain("t2", text);
    }

    [Fact]
    public void An_append_literal_is_data_not_a_secret_and_its_go_ahead_is_no_prompt()
    {
        var text = Dialogue(Session(
            Client("a3 APPEND INBOX {12}\r\n"), Server("+ Ready for literal data\r\n"),
            Client("Subject: hi\n\r\n"), Server("a3 OK\r\n")));
        Assert.Contains("C: Subject: hi", text);
        Assert.DoesNotContain("redacted", text);
    }

    [Fact]
    public void Idles_continuation_is_no_prompt_and_done_is_shown()
    {
        var text = Dialogue(Session(
            Client("a4 IDLE\r\n"), Server("+ idling\r\n"), Server("* 3 EXISTS\r\n"),
            Client("DONE\r\n"), Server("a4 OK Idle completed.\r\n"),
            Client("a5 IDLE extra\r\n"), Server("+ idling\r\n"), Client("not-idle-secret\r\n")));
        Assert.Contains("C: DONE", text);
        Assert.DoesNotContain("not-idle-secret", text); // "IDLE" with arguments is not IDLE: its "+" stays a prompt
    }

    [Fact]
    public void A_line_after_a_continuation_request_is_masked_even_when_the_protocol_is_not_recognised()
    {
        var text = Dialogue(Session(Server("HELLO 1.0\r\n"), Client("HI\r\n"), Server("+ secret please\r\n"), Client("s3cr3t-token\r\n"), Server("WELCOME\r\n")));
        Assert.StartsWith("TCP ", text);
        Assert.Contains("C: ******** (redacted; --show-secrets shows it)", text);
        Assert.DoesNotContain("s3cr3t-token", text);
    }

    [Fact]
    public void Smtp_auth_login_answers_sent_ahead_of_the_challenges_are_masked_until_the_final_reply()
    {
        // A client that does not wait for each 334: both answers arrive in one frame before any challenge.
        var user = Convert.ToBase64String(Encoding.ASCII.GetBytes("device"));
        var password = Convert.ToBase64String(Encoding.ASCII.GetBytes("hunter2"));
        var text = Dialogue(Session(
            Server("220 mail ESMTP\r\n"), Client("EHLO x\r\n"), Server("250 AUTH LOGIN\r\n"),
            Client($"AUTH LOGIN\r\n{user}\r\n{password}\r\n"), Server("334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 ok\r\n"), Client("QUIT\r\n")));
        Assert.StartsWith("SMTP ", text);
        Assert.DoesNotContain(password, text);
        Assert.DoesNotContain(user, text);
        Assert.Contains("C: QUIT", text);
    }

    [Fact]
    public void Apop_shows_the_user_and_masks_the_digest_and_pop3_auth_has_its_initial_response_masked()
    {
        var text = Dialogue(Session(
            Server("+OK POP3 <1896.697170952@dbc.mtview.ca.us>\r\n"), Client("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"), Server("+OK\r\n"),
            Client("AUTH PLAIN AGRldgBodW50ZXIy\r\n"), Server("+OK\r\n")));
        Assert.StartsWith("POP3 ", text);
        Assert.Contains("C: APOP mrose ********", text);
        Assert.Contains("C: AUTH PLAIN ********", text);
        Assert.DoesNotContain("c4c9334bac560ecc979e58001b3e22fb", text);
        Assert.DoesNotContain("AGRldgBodW50ZXIy", text);
    }

    [Fact]
    public void Imap_authenticate_with_an_initial_response_and_a_continuation_masks_both()
    {
        var text = Dialogue(Session(
            Server("* OK ready\r\n"), Client("a1 AUTHENTICATE PLAIN AGRldgBodW50ZXIy\r\n"), Server("a1 NO try again\r\n"),
            Client("a2 authenticate xoauth2\r\n"), Server("+ \r\n"), Client("dXNlcj1kZXYBYXV0aD1CZWFyZXIgdG9rZW4BAQ==\r\n"), Server("a2 OK\r\n"),
            Client("a3 NOOP\r\n")));
        Assert.Contains("C: a1 AUTHENTICATE PLAIN ********", text);
        Assert.DoesNotContain("AGRldgBodW50ZXIy", text);
        Assert.DoesNotContain("dXNlcj1kZXYBYXV0aD1CZWFyZXIgdG9rZW4BAQ==", text);
        Assert.Contains("C: a3 NOOP", text);
    }

    [Fact]
    public void A_password_split_across_two_frames_is_masked_in_each_frames_hex_dump()
    {
        // The line is not complete at frame 3: explaining it must still not show "hunt".
        var path = Path.Combine(Path.GetTempPath(), $"framedbg-split-{Environment.ProcessId}.pcap");
        File.WriteAllBytes(path, Session(Server("* OK\r\n"), Client("a1 LOGIN dev \"hunt"), Client("er2\"\r\n")));
        try
        {
            foreach (int frame in new[] { 4, 5 })
            {
                var output = new StringWriter();
                Assert.Equal(0, FrameDebuggerCommand.Run(path, frame, output, new StringWriter()));
                var dump = output.ToString();
                Assert.DoesNotContain("hunt", dump);
                Assert.DoesNotContain("er2", dump);
                Assert.DoesNotContain("68 75 6e 74", dump); // "hunt" in hex
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
