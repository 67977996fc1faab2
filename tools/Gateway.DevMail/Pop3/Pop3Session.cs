using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.DevMail.Pop3;

/// <summary>
/// One POP3 connection (RFC 1939, CAPA and RESP-CODES from RFC 2449, STLS from RFC 2595, SASL PLAIN
/// from RFC 5034), answering as Dovecot does. The message list is fixed at login; DELE only marks,
/// and marked messages are removed at QUIT (the UPDATE state): a dropped connection removes nothing.
/// </summary>
sealed class Pop3Session : LineSession
{
    const int MaxAuthFailures = 3;
    const int MaxBadCommands = 20;

    readonly DotWriter _dot;
    string? _user;          // after USER
    string? _mailbox;       // after a successful login: TRANSACTION state
    StoredMessage[] _messages = [];
    bool[] _deleted = [];
    int _authFailures, _badCommands, _retrieved;

    public Pop3Session(DevMailServer owner, Socket socket, DevCertificate? certificate, bool implicitTls)
        : base(owner, socket, certificate, implicitTls)
    {
        _dot = new DotWriter(Writer);
    }

    public override async Task RunAsync(CancellationToken stop)
    {
        Owner.Raise(new MailEvent(MailEventKind.SessionOpened, "POP3", Remote: Remote, Detail: ImplicitTls ? "implicit TLS" : null));
        string how = "dropped without QUIT";
        try
        {
            if (ImplicitTls) await StartTlsAsync(stop).ConfigureAwait(false);
            Reply("+OK Gateway DevMail ready.");
            how = await DialogueAsync(stop).ConfigureAwait(false);
        }
        catch (LineTooLongException e)
        {
            how = "closed: " + e.Message;
            await RefuseLongLineAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            how = "closed for inactivity";
            TryReply("-ERR Disconnected for inactivity.");
        }
        catch (OperationCanceledException)
        {
            how = "closed: server stopping";
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or ChannelException or AuthenticationException)
        {
            how = "dropped: " + e.GetType().Name;
        }
        finally
        {
            Release();
            var detail = _mailbox == null ? how : $"{how}; {_retrieved} retrieved";
            Owner.Raise(new MailEvent(MailEventKind.SessionClosed, "POP3", _mailbox, Remote: Remote, Detail: detail));
        }
    }

    async Task<string> DialogueAsync(CancellationToken stop)
    {
        while (true)
        {
            string? line;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                idle.CancelAfter(Options.Pop3IdleTimeout);
                line = await Reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
            }
            if (line == null)
                return "dropped without QUIT";
            int space = line.IndexOf(' ');
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : line[(space + 1)..];
            bool ok;
            switch (verb)
            {
                case "QUIT":
                    Quit();
                    return "QUIT";
                case "CAPA": ok = Capa(); break;
                case "NOOP": ok = Transaction() && Reply("+OK"); break;
                case "STLS":
                    ok = await StlsAsync(stop).ConfigureAwait(false);
                    break;
                case "USER": ok = User(args); break;
                case "PASS": ok = await PassAsync(args, stop).ConfigureAwait(false); break;
                case "AUTH": ok = await AuthAsync(args, stop).ConfigureAwait(false); break;
                case "STAT": ok = Transaction() && Stat(); break;
                case "LIST": ok = Transaction() && Listing(args, uidl: false); break;
                case "UIDL": ok = Transaction() && Listing(args, uidl: true); break;
                case "RETR": ok = Transaction() && Retr(args); break;
                case "TOP": ok = Transaction() && Top(args); break;
                case "DELE": ok = Transaction() && Dele(args); break;
                case "RSET": ok = Transaction() && Rset(); break;
                default:
                    ok = Unknown(verb);
                    break;
            }
            if (_authFailures >= MaxAuthFailures)
            {
                TryReply("-ERR [AUTH] Too many authentication failures.");
                return "closed: too many authentication failures";
            }
            if (!ok && ++_badCommands >= MaxBadCommands)
            {
                TryReply("-ERR Too many invalid bad commands.");
                return "closed: too many invalid commands";
            }
        }
    }

    // --- AUTHORIZATION state ------------------------------------------------------------------

    bool PasswordsAllowed => Secure || Options.PlaintextAuthAllowed;

    bool Capa()
    {
        var lines = new List<string> { "+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE" };
        if (_mailbox == null)
        {
            if (Certificate != null && !Secure) lines.Add("STLS");
            if (PasswordsAllowed)
            {
                lines.Add("USER");
                lines.Add("SASL PLAIN");
            }
        }
        lines.Add(".");
        return Reply(lines.ToArray());
    }

    async Task<bool> StlsAsync(CancellationToken stop)
    {
        if (_mailbox != null) return Unknown("STLS");
        if (Certificate == null) return Reply("-ERR TLS is not configured here.");
        if (Secure) return Reply("-ERR TLS is already active.");
        // RFC 2595 / CVE-2011-0411: anything pipelined after STLS was sent in clear and must not be obeyed.
        if (Reader.Buffered > 0)
            return Reply("-ERR Commands pipelined after STLS are refused.");
        Reply("+OK Begin TLS negotiation now.");
        return await UpgradeAsync(stop).ConfigureAwait(false);
    }

    /// <summary>STLS's handshake; a USER given before it does not carry over.</summary>
    async Task<bool> UpgradeAsync(CancellationToken stop)
    {
        await StartTlsAsync(stop).ConfigureAwait(false);
        _user = null;
        return true;
    }

    bool User(string args)
    {
        if (_mailbox != null) return Unknown("USER");
        if (!PasswordsAllowed) return PlaintextRefused();
        if (args.Length == 0) return Reply("-ERR USER needs a name.");
        _user = args.Trim();
        return Reply("+OK");
    }

    async Task<bool> PassAsync(string args, CancellationToken stop)
    {
        if (_mailbox != null) return Unknown("PASS");
        if (!PasswordsAllowed) return PlaintextRefused();
        if (_user == null) return Reply("-ERR No username given.");
        var user = _user;
        _user = null;
        return await LoginAsync(user, args, stop).ConfigureAwait(false);
    }

    async Task<bool> AuthAsync(string args, CancellationToken stop)
    {
        if (_mailbox != null) return Unknown("AUTH");
        var parts = args.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            return Reply("+OK", "PLAIN", ".");
        if (!parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            return Reply("-ERR Unsupported authentication mechanism.");
        if (!PasswordsAllowed) return PlaintextRefused();
        string? response = parts.Length > 1 ? parts[1] : null;
        if (response == null)
        {
            Reply("+ ");
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
            idle.CancelAfter(Options.Pop3IdleTimeout);
            response = await Reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
            if (response == null) throw new IOException("the client left during AUTH");
        }
        if (response == "*") return Reply("-ERR Authentication aborted.");
        string[] fields;
        try
        {
            fields = Encoding.UTF8.GetString(Convert.FromBase64String(response.Trim())).Split('\0');
        }
        catch (FormatException)
        {
            return Reply("-ERR Invalid base64 data in response.");
        }
        if (fields.Length != 3 || (fields[0].Length > 0 && !fields[0].Equals(fields[1], StringComparison.OrdinalIgnoreCase)))
        {
            _authFailures++;
            return Reply("-ERR [AUTH] Authentication failed.");
        }
        return await LoginAsync(fields[1], fields[2], stop).ConfigureAwait(false);
    }

    async Task<bool> LoginAsync(string user, string password, CancellationToken stop)
    {
        if (!Owner.CheckPassword(user, password))
        {
            _authFailures++;
            Owner.Raise(new MailEvent(MailEventKind.LoginFailed, "POP3", Mailbox: user.ToLowerInvariant(), Remote: Remote));
            await Task.Delay(Options.AuthFailureDelay, stop).ConfigureAwait(false);
            return Reply("-ERR [AUTH] Authentication failed.");
        }
        _mailbox = user.ToLowerInvariant();
        _messages = Owner.Store.List(_mailbox).ToArray();
        _deleted = new bool[_messages.Length];
        return Reply("+OK Logged in.");
    }

    bool PlaintextRefused() =>
        Reply("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");

    // --- TRANSACTION state --------------------------------------------------------------------

    bool Transaction() => _mailbox != null || Reply("-ERR Unknown command.");

    /// <summary>Dovecot's answer: the verb is named only once logged in.</summary>
    bool Unknown(string verb) => Reply(_mailbox == null ? "-ERR Unknown command." : "-ERR Unknown command: " + Printable(verb)) && false;

    bool Stat()
    {
        int count = 0;
        long size = 0;
        for (int i = 0; i < _messages.Length; i++)
            if (!_deleted[i])
            {
                count++;
                size += _messages[i].Size;
            }
        return Reply($"+OK {count} {size}");
    }

    bool Listing(string args, bool uidl)
    {
        string Entry(int i) => (i + 1) + " " + (uidl ? _messages[i].Uidl : _messages[i].Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (args.Length > 0)
            return Number(args, out int one) && Reply("+OK " + Entry(one));
        var lines = new List<string> { uidl ? "+OK" : $"+OK {_deleted.Count(d => !d)} messages:" };
        for (int i = 0; i < _messages.Length; i++)
            if (!_deleted[i]) lines.Add(Entry(i));
        lines.Add(".");
        return Reply(lines.ToArray());
    }

    bool Retr(string args)
    {
        if (!Number(args, out int i)) return false;
        var bytes = Owner.Store.Read(_messages[i]);
        if (bytes == null) return Reply("-ERR [SYS/TEMP] The message was removed by another session.");
        Writer.WriteLine($"+OK {bytes.Length} octets");
        SendBody(bytes, bytes.Length);
        _retrieved++;
        var m = _messages[i];
        Owner.Raise(new MailEvent(MailEventKind.MessageRetrieved, "POP3", m.Mailbox, m.MessageId, m.Subject, m.Uidl, Remote));
        return true;
    }

    bool Top(string args)
    {
        var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int lines))
            return Reply("-ERR TOP needs a message number and a line count.");
        if (!Number(parts[0], out int i)) return false;
        var bytes = Owner.Store.Read(_messages[i]);
        if (bytes == null) return Reply("-ERR [SYS/TEMP] The message was removed by another session.");
        int cut = HeaderInfo.HeaderEnd(bytes);
        if (cut < bytes.Length) cut = Math.Min(bytes.Length, cut + 2); // the blank line
        for (int n = 0; n < lines && cut < bytes.Length; n++)
        {
            int lf = Array.IndexOf(bytes, (byte)'\n', cut);
            cut = lf < 0 ? bytes.Length : lf + 1;
        }
        Writer.WriteLine("+OK");
        SendBody(bytes, cut);
        return true;
    }

    bool Dele(string args)
    {
        if (!Number(args, out int i)) return false;
        _deleted[i] = true;
        return Reply("+OK Marked to be deleted.");
    }

    bool Rset()
    {
        Array.Clear(_deleted);
        return Reply("+OK");
    }

    void Quit()
    {
        if (_mailbox == null)
        {
            TryReply("+OK Logging out.");
            return;
        }
        // UPDATE state (RFC 1939 section 6).
        int removed = 0;
        for (int i = 0; i < _messages.Length; i++)
        {
            if (!_deleted[i] || !Owner.Store.Delete(_mailbox, _messages[i].Uid)) continue;
            removed++;
            var m = _messages[i];
            Owner.Raise(new MailEvent(MailEventKind.MessageDeleted, "POP3", m.Mailbox, m.MessageId, m.Subject, m.Uidl, Remote));
        }
        TryReply(removed > 0 ? "+OK Logging out, messages deleted." : "+OK Logging out.");
    }

    /// <summary>Parses a message number of the fixed list; answers the error itself.</summary>
    bool Number(string text, out int index)
    {
        index = -1;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
            return Reply("-ERR Invalid message number: " + Printable(text));
        if (n < 1 || n > _messages.Length)
            return Reply($"-ERR There's no message {n}.");
        if (_deleted[n - 1])
            return Reply("-ERR Message is deleted.");
        index = n - 1;
        return true;
    }

    // --- Output -------------------------------------------------------------------------------

    void SendBody(byte[] bytes, int count)
    {
        _dot.Reset();
        _dot.Write(bytes, 0, count);
        _dot.Finish();
        Writer.Flush();
    }

    /// <summary>Writes reply lines and flushes. Returns whether the first line is +OK.</summary>
    bool Reply(params string[] lines)
    {
        Send(lines);
        return lines[0].StartsWith("+", StringComparison.Ordinal);
    }

    void TryReply(string line) => TrySend(line);

    /// <summary>Answers a too-long line, then reads and drops a bounded amount so the client sees the answer, not a reset.</summary>
    async Task RefuseLongLineAsync()
    {
        TryReply("-ERR Line too long.");
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
            var sink = new byte[16 * 1024];
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            long total = 0;
            while (total < 4 * 1024 * 1024)
            {
                int n = await Stream.ReadAsync(sink, drain.Token).ConfigureAwait(false);
                if (n == 0) break;
                total += n;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Gone or slow: close now.
        }
    }

    /// <summary>Text from the client, cut and stripped of control characters, for an error reply.</summary>
    static string Printable(string text)
    {
        var s = new string(text.Take(40).Where(c => c >= ' ' && c != 0x7f).ToArray());
        return text.Length > 40 ? s + "..." : s;
    }
}
