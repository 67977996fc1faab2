using System.Text;

namespace Gateway.Bench;

/// <summary>The device's Maildir in the rig: mails put straight into it (a benchmark of POP3 or IMAP, not of SMTP). Needs root (the files go to vmail).</summary>
public sealed class RigMaildir(RigEnv rig)
{
    string Dir => Path.Combine(Path.GetDirectoryName(rig.CaPath)!, "mail", "gateway.test", "device");

    public void Clear()
    {
        foreach (var sub in new[] { "new", "cur" })
            foreach (var f in Directory.GetFiles(Path.Combine(Dir, sub)))
                File.Delete(f);
    }

    /// <summary>Replaces the mailbox with <paramref name="count"/> command-shaped mails of about <paramref name="size"/> bytes.</summary>
    public void Fill(int count, int size)
    {
        Clear();
        Add(count, size);
    }

    /// <summary>
    /// Adds the mails beside what is there: for a server session that stays open, whose index would still
    /// list files removed behind its back.
    /// </summary>
    public void Add(int count, int size)
    {
        for (int i = 0; i < count; i++)
        {
            var body = new StringBuilder();
            body.Append("gateway-auth: v1 device=demo-01 ts=2026-11-27T08:00:00Z nonce=AAAAAAAAAAAAAAAAAAAAAA n=1 mac=AAAA\r\nrelay relay1 on\r\n");
            while (body.Length < size) body.Append("filler line of an attachment-sized mail, 64 bytes long......\r\n");
            var text = $"From: ops@gateway.test\r\nTo: device@gateway.test\r\nSubject: [demo-01] commands {i}\r\nMessage-ID: <bench-{i}@ops.test>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body;
            var name = Path.Combine(Dir, "new", $"{Environment.TickCount64}.{Guid.NewGuid():N}.bench{i}.localhost");
            File.WriteAllText(name, text.Replace("\r\n", "\n"));
            using var p = System.Diagnostics.Process.Start("chown", ["vmail:vmail", name]);
            p!.WaitForExit();
        }
    }
}
