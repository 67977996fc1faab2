using System.Text;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// The promise that a capture can be shared: for every capture in Data/, on its own ports and moved to
/// others, no known secret shows in any view (one-line, dialogue, --explain of every frame, --svg).
/// </summary>
public sealed class NoSecretInAnyViewTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("framedbg-secrets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>The rig's passwords (tests/mailrig defaults), the wrong one sent in rig-imap-plain.pcap, and their SASL forms.</summary>
    static readonly string[] Secrets = Known();

    static string[] Known()
    {
        // wrong"pa\ss travels as the quoted string "wrong\"pa\\ss" (RFC 9051 4.3 quoted-specials).
        string[] passwords = ["device-pass", "ops-pass", "wrong\"pa\\ss", "wrong\\\"pa\\\\ss"];
        string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var all = new List<string>(passwords);
        foreach (var (user, password) in new[] { ("device@gateway.test", "device-pass"), ("ops@gateway.test", "ops-pass") })
        {
            all.Add(B64("\0" + user + "\0" + password));             // AUTH PLAIN
            all.Add(B64(user + "\0" + user + "\0" + password));      // AUTH PLAIN with an authorization identity
            all.Add(B64(password));                                  // AUTH LOGIN's second answer
            all.Add(B64(password).TrimEnd('='));
        }
        return all.ToArray();
    }

    /// <summary>Each capture on its own ports, and the same bytes moved to ports that hint at another protocol (or none).</summary>
    public static TheoryData<string, string> Captures()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data"), "*.pcap").Order())
            data.Add(Path.GetFileName(path), "");
        // IMAP on POP3's port, POP3 on IMAP's, SMTP on a port no protocol owns, everything on high ports.
        data.Add("rig-imap-plain.pcap", "1143=110");
        data.Add("rig-pop3-auth.pcap", "1110=143");
        data.Add("rig-pop3-plain.pcap", "1110=10110");
        data.Add("rig-smtp-starttls.pcap", "2587=8025");
        data.Add("rig-smtp-dropped.pcap", "2525=1025");
        return data;
    }

    string Prepare(string capture, string ports)
    {
        if (ports.Length == 0) return Data(capture);
        var map = ports.Split(',').Select(p => p.Split('=')).ToDictionary(p => int.Parse(p[0]), p => int.Parse(p[1]));
        var path = Path.Combine(_dir, Path.GetFileNameWithoutExtension(capture) + "-" + ports.Replace('=', '-') + ".pcap");
        File.WriteAllBytes(path, PortRewriter.Rewrite(File.ReadAllBytes(Data(capture)), map));
        return path;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void No_known_secret_shows_in_any_view(string capture, string ports)
    {
        var views = AllViews.Of(Prepare(capture, ports), showSecrets: false, _dir);
        var leaks = AllViews.Leaks(views, Secrets);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(20)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1143=110")]
    public void With_show_secrets_every_view_that_shows_the_login_frame_finds_the_password(string ports)
    {
        // The check above can fail: asked to, every kind of view shows the IMAP passwords.
        var views = AllViews.Of(Prepare("rig-imap-plain.pcap", ports), showSecrets: true, _dir);
        var leaks = AllViews.Leaks(views, Secrets);
        foreach (var kind in new[] { "one-line: ", "one-line --json: ", "--dialogue: ", "--dialogue --json: " })
            Assert.Contains(leaks, l => l.StartsWith(kind, StringComparison.Ordinal));
        foreach (var kind in new[] { "", " --json", " --svg" })
            Assert.Contains(leaks, l => l.StartsWith("--explain ", StringComparison.Ordinal) && l.Contains(kind + ": device-pass", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.StartsWith("--dialogue: ", StringComparison.Ordinal) && l.EndsWith("wrong\\\"pa\\\\ss", StringComparison.Ordinal));
    }
}
