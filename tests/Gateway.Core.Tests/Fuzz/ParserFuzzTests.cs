using System.Diagnostics;
using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;
using Gateway.Signing;

namespace Gateway.Core.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the parsers that read what a server or a sender controls: whatever
/// the bytes, the parser ends with a result or its own typed error, in bounded time. A failure
/// prints the seed and the input so it can become a regression test. Iterations: 20,000 per parser
/// here; set GATEWAY_FUZZ_ITERATIONS for a long run.
/// </summary>
public class ParserFuzzTests
{
    static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_FUZZ_ITERATIONS"), out var n) ? n : 20_000;

    static byte[] Mutate(Random rng, byte[] seed)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int op = rng.Next(5);
            int at = b.Count == 0 ? 0 : rng.Next(b.Count);
            switch (op)
            {
                case 0 when b.Count > 0: b[at] = (byte)rng.Next(256); break;
                case 1: b.Insert(at, (byte)"\r\n.-+ 0123456789=?<>"[rng.Next(20)]); break;
                case 2 when b.Count > 0: b.RemoveAt(at); break;
                case 3 when b.Count > 0: b.RemoveRange(at, b.Count - at); break; // truncate
                default: b.InsertRange(at, b.GetRange(at, Math.Min(b.Count - at, rng.Next(40)))); break; // repeat a slice
            }
        }
        return b.ToArray();
    }

    /// <summary>
    /// Runs the suite; <paramref name="parse"/> returns (or, for a typed error, leaves in
    /// <see cref="Deep"/>) whether the input passed the parser's first checks. A suite whose inputs all
    /// die at the first check proves nothing about the code behind it: at least <paramref name="minDeepShare"/>
    /// of them must get further.
    /// </summary>
    static void Fuzz(string name, string[] seeds, double minDeepShare, Func<byte[], bool> parse)
    {
        var rng = new Random(20261127);
        var sw = Stopwatch.StartNew();
        int deep = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var input = Mutate(rng, Encoding.UTF8.GetBytes(seeds[i % seeds.Length]));
            Deep = false; // measured at seed 20261127: SMTP 24 %, POP3 50 %, IMAP 68 %, config 38 %, command 56 % deep
            try
            {
                if (parse(input)) deep++;
                else if (Deep) deep++;
            }
            catch (Exception e) when (e is SmtpException or Pop3Exception or ImapException or ChannelException or LineTooLongException)
            {
                // The parser's own typed errors are the right answer to broken input.
                if (Deep) deep++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{name}: {e.GetType().Name} at iteration {i} (seed 20261127): {e.Message}\ninput: {Convert.ToHexString(input)}");
            }
        }
        Assert.True(sw.Elapsed < TimeSpan.FromMinutes(2), $"{name}: {Iterations} inputs took {sw.Elapsed}");
        double share = (double)deep / Iterations;
        Assert.True(share >= minDeepShare, $"{name}: only {share:P1} of the inputs passed the first checks (at least {minDeepShare:P0} wanted): the mutations no longer reach the code behind them");
    }

    /// <summary>Set by a suite when the input got past its first checks before a typed error ended it.</summary>
    [ThreadStatic]
    static bool Deep;

    [Fact]
    public void Smtp_replies_never_escape_their_typed_errors()
    {
        string[] seeds =
        [
            "250-mail.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN XOAUTH2\r\n250 8BITMIME\r\n",
            "535 5.7.8 Error: authentication failed\r\n",
            "220 mail ESMTP\r\n",
            "354 go\r\n",
        ];
        // Deep: the first reply parsed (its lines agreed on one code, its capabilities were read).
        Fuzz("SMTP reply", seeds, 0.18, input =>
        {
            var reader = new SmtpReplyReader(new LineReader(ScriptedChannel.FromBytes(input), SmtpLimits.MaxReplyLine));
            for (int k = 0; k < 4; k++)
            {
                var reply = reader.ReadEhlo(SmtpStage.Hello, out _, out _);
                Assert.InRange(reply.Code, 200, 599);
                Deep = true;
            }
            return true;
        });
    }

    [Fact]
    public void Pop3_sessions_on_broken_responses_end_in_typed_errors()
    {
        string[] seeds =
        [
            "+OK ready <1896.697170952@dbc.mtview.ca.us>\r\n+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n+OK\r\n+OK\r\n+OK\r\n1 abc\r\n2 def\r\n.\r\n+OK\r\nSubject: x\r\n\r\n..dot\r\n.\r\n",
            "+OK\r\n-ERR [AUTH] no\r\n",
            "+OK\r\n+OK\r\nSTLS\r\n.\r\n",
        ];
        // Deep: the greeting was accepted, so CAPA, the login and the transaction were reached.
        Fuzz("POP3 session", seeds, 0.35, input =>
        {
            var client = new Pop3Client(new FixedConnector(ScriptedChannel.FromBytes(input)), new Pop3Options
            {
                Host = "h", Tls = TlsMode.Implicit, User = "u", Password = "p", PreferUserPass = true,
            });
            client.Open();
            Deep = true;
            client.AskCapabilities();
            client.LogIn();
            client.ListUids(10);
            client.Retrieve(1, new NullSink(), 4096);
            return true;
        });
    }

    [Fact]
    public void Imap_sessions_on_broken_responses_end_in_typed_errors()
    {
        // The coverage-guided fuzzer's seeds (tools/fuzz/seeds/imap): Dovecot's shapes, SASL-IR or not, LOGIN, literal+, IDLE.
        var seeds = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tools", "fuzz", "seeds", "imap")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Assert.True(seeds.Length >= 3);
        // Deep: the greeting and the login were accepted, so SELECT, SEARCH, the FETCH literals and IDLE were reached.
        // The coverage-guided target (tools/Gateway.Fuzz/Targets/ImapTarget.cs) drives the whole poller session.
        Fuzz("IMAP session", seeds, 0.55, input =>
        {
            var client = new ImapClient(new FixedConnector(ScriptedChannel.FromBytes(input)), new ImapOptions
            {
                Host = "h", Port = 993, Tls = TlsMode.Implicit, User = "u", Password = "p",
            });
            client.Connect();
            Deep = true;
            client.Select("INBOX");
            Assert.InRange(client.SearchUids("UNDELETED").Length, 0, ImapLimits.MaxSearchUids);
            client.FetchHeaders(1, "FROM SUBJECT", new NullSink(), 4096);
            Assert.InRange(client.FetchBody(1, new NullSink(), 4096), -1, 4096);
            // Then what the rest of the session reads: IDLE's responses (STORE and expunge read as NOOP does).
            client.Noop();
            if (!client.CanIdle) return true;
            client.StartIdle();
            client.WaitIdle(0);
            return true;
        });
    }

    [Fact]
    public void Configuration_files_of_any_shape_give_errors_not_exceptions()
    {
        string[] seeds =
        [
            "device.id = d\nsmtp.host = h\nsmtp.from = a@b.c\nalert.to = a@b.c, x@y.z\nsmtp.port = 587\nsmtp.timeout = 30s\nrule.hot.sensor = t\nrule.hot.above = -2.5\n",
            "# comment\r\ncommand.key = AAAAAAAAAAAAAAAAAAAAAA==\r\npop3.host = p\r\npop3.user = u\r\n",
        ];
        // Deep: every line had the key = value shape, so each error (if any) is a key's rule speaking.
        Fuzz("config", seeds, 0.25, input =>
        {
            var result = GatewayConfig.Parse(input, 0, input.Length);
            Assert.True(result.IsValid || result.Errors.Length > 0);
            return result.Errors.All(e => e.Key.Length > 0);
        });
    }

    [Fact]
    public void Command_blocks_of_any_shape_parse_without_exceptions()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        string signed = CommandSigner.Sign(["relay relay1 on", "status"], "dev", new DateTime(2026, 11, 27, 8, 0, 0), new byte[16], key);
        string[] seeds = [signed, "> quoted\n" + signed + "\n-- \nsig", "gateway-auth: v1 device=dev ts=x nonce=y n=99 mac=z\nstatus"];
        var verifier = new CommandVerifier(key, "dev", 600_000);
        // Deep: the block's authentication line was found, so its fields and the verifier were reached.
        Fuzz("command block", seeds, 0.4, input =>
        {
            var block = CommandBlock.Parse(Utf8.Decode(input));
            var journal = NonceJournal.Open(new MemoryStore(), 600_000, new DateTime(2026, 11, 27, 8, 0, 0), Gateway.Core.Platform.NullLog.Instance);
            verifier.Verify(block, new DateTime(2026, 11, 27, 8, 0, 0), journal);
            return block.AuthText != null;
        });
    }

    sealed class NullSink : ILineSink
    {
        public void Line(byte[] buffer, int offset, int count) { }
    }

    sealed class FixedConnector(IChannel channel) : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
        {
            if (tls == TlsMode.Implicit) channel.StartTls(host);
            return channel;
        }
    }
}
