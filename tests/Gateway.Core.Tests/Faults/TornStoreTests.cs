using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// A torn write of any store file (a power cut on a flash without atomic renames): every file the
/// gateway writes in a day's work, cut short at every length and with a flipped bit at every byte. The
/// gateway starts over it, names the damage in its log, never trusts it (nothing half-read is sent, no
/// command runs again) and goes on with what is intact.
/// </summary>
public sealed class TornStoreTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const string Command = "relay relay1 on";

    /// <summary>
    /// The store after a command was run and answered (nonce journal, handled mails, a setting changed by
    /// mail, the reply) and two alerts were queued while the server was down (outbox entries with attempts).
    /// </summary>
    static SortedDictionary<string, byte[]> WorkingStore()
    {
        var rig = new HostileMailRig();
        rig.Smtp.Fault = "down";
        rig.Pop3.Add("1", HostileMailRig.CommandMail(CommandKit.Sign(CommandKit.T0, 1, Command, "set rule.hot.above 31")));
        var app = rig.App();
        Assert.Equal("executed", rig.PollOne(app).Verdict.ToString().ToLowerInvariant());
        Assert.Equal(1, rig.Moves);
        app.QueueAlert("first alert", "tank low");
        app.QueueAlert("second alert", "tank empty");
        app.Deliver();
        Assert.Equal(3, app.Outbox.Count);
        return new SortedDictionary<string, byte[]>(rig.Store.Blobs, StringComparer.Ordinal);
    }

    public static TheoryData<string> StoreFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in WorkingStore().Keys) data.Add(name);
        return data;
    }

    [Fact]
    public void A_days_work_writes_the_journal_the_handled_mails_the_settings_and_the_outbox()
    {
        var names = WorkingStore().Keys.ToArray();
        Assert.Contains(names, n => n.StartsWith("commands/", StringComparison.Ordinal) && n.Contains("nonce", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("commands/", StringComparison.Ordinal) && n.Contains("setting", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("pop3/", StringComparison.Ordinal));
        Assert.Equal(3, names.Count(n => n.StartsWith("outbox/", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(StoreFiles))]
    public void Cut_short_at_every_length_it_is_detected_and_not_trusted(string name)
    {
        var files = WorkingStore();
        var whole = files[name];
        for (int length = 0; length < whole.Length; length++)
            RestartOver(files, name, whole[..length], "cut at " + length + " of " + whole.Length);
        output.WriteLine($"{name}: {whole.Length} restarts over it cut short, each detected");
    }

    [Theory]
    [MemberData(nameof(StoreFiles))]
    public void A_flipped_bit_at_every_byte_is_detected_and_not_trusted(string name)
    {
        var files = WorkingStore();
        var whole = files[name];
        for (int at = 0; at < whole.Length; at++)
        {
            var damaged = (byte[])whole.Clone();
            damaged[at] ^= 0x01;
            RestartOver(files, name, damaged, "bit 0 of byte " + at + " flipped");
        }
        output.WriteLine($"{name}: {whole.Length} restarts over it with a flipped bit, each detected");
    }

    /// <summary>
    /// Starts a gateway over the store with <paramref name="name"/> replaced by <paramref name="damaged"/>,
    /// the command mail still on the server (the power went before its DELE), the mail server up again.
    /// </summary>
    static void RestartOver(SortedDictionary<string, byte[]> files, string name, byte[] damaged, string what)
    {
        var rig = new HostileMailRig();
        foreach (var (n, bytes) in files) rig.Store.Write(n, n == name ? damaged : bytes);
        rig.Pop3.Add("1", HostileMailRig.CommandMail(CommandKit.Sign(CommandKit.T0, 1, Command, "set rule.hot.above 31")));
        var app = rig.App();
        app.Poll();
        app.Outbox.MakeAllDue();
        app.Deliver();

        string context = name + ", " + what + "; log:\n" + string.Join("\n", rig.Log.Lines.TakeLast(8));
        Assert.True(rig.Moves == 0, "the command ran again: " + context);
        Assert.True(rig.Log.Lines.Any(l => l.Contains("damaged", StringComparison.Ordinal) || l.Contains("unreadable", StringComparison.Ordinal)),
            "the damage was not named: " + context);
        // Whatever went out is whole: one of the two alerts or a reply to the command, never a half-read entry.
        foreach (var raw in rig.Smtp.Accepted)
        {
            var subject = HostileMailRig.Parse(raw).Subject;
            Assert.True(subject is "first alert" or "second alert" or "Re: [boiler] commands", "sent something half-read (" + subject + "): " + context);
        }
        Assert.Equal(0, app.Outbox.Count);
    }
}
