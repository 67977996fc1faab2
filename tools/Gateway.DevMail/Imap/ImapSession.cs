using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.DevMail.Pop3;

namespace Gateway.DevMail.Imap;

/// <summary>
/// One IMAP connection (RFC 9051, the IMAP4rev1 subset a device needs): CAPABILITY, STARTTLS or implicit
/// TLS, LOGIN and AUTHENTICATE PLAIN (SASL-IR, RFC 4959), SELECT of INBOX, UID SEARCH, UID FETCH (UID,
/// RFC822.SIZE, FLAGS, BODY[HEADER.FIELDS (...)], BODY[]), UID STORE of \Deleted, UID EXPUNGE (RFC 4315)
/// and EXPUNGE, NOOP, IDLE (RFC 2177: a message stored for this mailbox is announced at once with
/// EXISTS) and LOGOUT. Flags live for the session; EXPUNGE removes the message from the store.
/// </summary>
sealed class ImapSession : LineSession
{
    const int MaxAuthFailures = 3;
    const int MaxBadCommands = 20;

    readonly SemaphoreSlim _arrived = new(0);

    string? _mailbox;      // after a successful login
    bool _selected;        // INBOX selected
    readonly List<StoredMessage> _view = [];  // the messages by sequence number (index + 1)
    readonly HashSet<long> _deleted = [];
    int _authFailures, _badCommands, _retrieved;

    public ImapSession(DevMailServer owner, Socket socket, DevCertificate? certificate, bool implicitTls)
        : base(owner, socket, certificate, implicitTls)
    {
    }

    bool PasswordsAllowed => Secure || Options.PlaintextAuthAllowed;

    string Capabilities => "IMAP4rev1 SASL-IR IDLE UIDPLUS" + (Certificate != null && !Secure ? " STARTTLS" : "") + (PasswordsAllowed ? " AUTH=PLAIN" : " LOGINDISABLED");

    public override async Task RunAsync(CancellationToken stop)
    {
        Owner.Raise(new MailEvent(MailEventKind.SessionOpened, "IMAP", Remote: Remote, Detail: ImplicitTls ? "implicit TLS" : null));
        Owner.Event += OnEvent;
        string how = "dropped without LOGOUT";
        try
        {
            if (ImplicitTls) await StartTlsAsync(stop).ConfigureAwait(false);
            Reply($"* OK [CAPABILITY {Capabilities}] Gateway DevMail ready.");
            how = await DialogueAsync(stop).ConfigureAwait(false);
        }
        catch (Pop3.LineTooLongException e)
        {
            how = "closed: " + e.Message;
            TryReply("* BYE Line too long.");
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            how = "closed for inactivity";
            TryReply("* BYE Disconnected for inactivity.");
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
            Owner.Event -= OnEvent;
            Release();
            var detail = _mailbox == null ? how : $"{how}; {_retrieved} retrieved";
            Owner.Raise(new MailEvent(MailEventKind.SessionClosed, "IMAP", _mailbox, Remote: Remote, Detail: detail));
        }
    }

    /// <summary>A message stored for this mailbox wakes an IDLE (raised on the SMTP side's thread: only a signal).</summary>
    void OnEvent(MailEvent e)
    {
        if (e.Kind == MailEventKind.MessageStored && _mailbox != null && string.Equals(e.Mailbox, _mailbox, StringComparison.OrdinalIgnoreCase))
            _arrived.Release();
    }

    async Task<string?> ReadLineAsync(CancellationToken stop)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        idle.CancelAfter(Options.ImapIdleTimeout);
        return await Reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
    }

    async Task<string> DialogueAsync(CancellationToken stop)
    {
        while (true)
        {
            var line = await ReadLineAsync(stop).ConfigureAwait(false);
            if (line == null) return "dropped without LOGOUT";
            int space = line.IndexOf(' ');
            if (space <= 0)
            {
                Bad("*", "Missing tag or command.");
            }
            else
            {
                string tag = line[..space];
                var rest = line[(space + 1)..];
                int next = rest.IndexOf(' ');
                string command = (next < 0 ? rest : rest[..next]).ToUpperInvariant();
                string args = next < 0 ? "" : rest[(next + 1)..];
                switch (command)
                {
                    case "LOGOUT":
                        Reply("* BYE Logging out", tag + " OK Logout completed.");
                        return "LOGOUT";
                    case "CAPABILITY": Reply("* CAPABILITY " + Capabilities, tag + " OK Capability completed."); break;
                    case "NOOP": Sync(); Reply(tag + " OK NOOP completed."); break;
                    case "STARTTLS": await StartTlsCommandAsync(tag, stop).ConfigureAwait(false); break;
                    case "LOGIN": await LoginCommandAsync(tag, args, stop).ConfigureAwait(false); break;
                    case "AUTHENTICATE": await AuthenticateAsync(tag, args, stop).ConfigureAwait(false); break;
                    case "SELECT":
                    case "EXAMINE": Select(tag, args); break;
                    case "UID": Uid(tag, args); break;
                    case "EXPUNGE": if (Selected(tag)) Expunge(tag, _ => true); break;
                    case "IDLE":
                        if (!await IdleAsync(tag, stop).ConfigureAwait(false)) return "dropped in IDLE";
                        break;
                    default: Bad(tag, "Unknown command."); break;
                }
            }
            if (_authFailures >= MaxAuthFailures)
            {
                TryReply("* BYE Too many authentication failures.");
                return "closed: too many authentication failures";
            }
            if (_badCommands >= MaxBadCommands)
            {
                TryReply("* BYE Too many invalid commands.");
                return "closed: too many invalid commands";
            }
        }
    }

    // --- Not authenticated ----------------------------------------------------------------------

    async Task StartTlsCommandAsync(string tag, CancellationToken stop)
    {
        if (Certificate == null || Secure || _mailbox != null)
        {
            Bad(tag, "STARTTLS is not possible now.");
            return;
        }
        // RFC 9051 11.1 / CVE-2011-0411: anything pipelined after STARTTLS was sent in clear and must not be obeyed.
        if (Reader.Buffered > 0)
        {
            Bad(tag, "Commands pipelined after STARTTLS are refused.");
            return;
        }
        Reply(tag + " OK Begin TLS negotiation now.");
        await StartTlsAsync(stop).ConfigureAwait(false);
    }

    async Task LoginCommandAsync(string tag, string args, CancellationToken stop)
    {
        var words = ImapArguments.Split(args);
        if (_mailbox != null) Bad(tag, "Already logged in.");
        else if (words == null || words.Count != 2) Bad(tag, "LOGIN needs a user name and a password (atoms or quoted strings).");
        else if (!PasswordsAllowed) Reply(tag + " NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        else await LogInAsync(tag, words[0], words[1], stop).ConfigureAwait(false);
    }

    async Task AuthenticateAsync(string tag, string args, CancellationToken stop)
    {
        var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (_mailbox != null) { Bad(tag, "Already logged in."); return; }
        if (words.Length == 0 || !words[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase)) { Reply(tag + " NO Unsupported authentication mechanism."); return; }
        if (!PasswordsAllowed) { Reply(tag + " NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."); return; }
        string? response = words.Length > 1 ? words[1] : null;
        if (response == null)
        {
            Reply("+ ");
            response = await ReadLineAsync(stop).ConfigureAwait(false) ?? throw new IOException("the client left during AUTHENTICATE");
        }
        if (response == "*") { Bad(tag, "Authentication aborted."); return; }
        string[] fields;
        try
        {
            fields = response == "=" ? [] : Encoding.UTF8.GetString(Convert.FromBase64String(response.Trim())).Split('\0');
        }
        catch (FormatException)
        {
            Bad(tag, "Invalid base64 data in the response.");
            return;
        }
        if (fields.Length != 3 || (fields[0].Length > 0 && !fields[0].Equals(fields[1], StringComparison.OrdinalIgnoreCase)))
        {
            _authFailures++;
            Reply(tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
            return;
        }
        await LogInAsync(tag, fields[1], fields[2], stop).ConfigureAwait(false);
    }

    async Task LogInAsync(string tag, string user, string password, CancellationToken stop)
    {
        if (!Owner.CheckPassword(user, password))
        {
            _authFailures++;
            Owner.Raise(new MailEvent(MailEventKind.LoginFailed, "IMAP", Mailbox: user.ToLowerInvariant(), Remote: Remote));
            await Task.Delay(Options.AuthFailureDelay, stop).ConfigureAwait(false);
            Reply(tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
            return;
        }
        _mailbox = user.Trim().ToLowerInvariant();
        Reply($"{tag} OK [CAPABILITY {Capabilities}] Logged in");
    }

    // --- Authenticated and selected -------------------------------------------------------------

    void Select(string tag, string args)
    {
        if (_mailbox == null) { Bad(tag, "Log in first."); return; }
        var words = ImapArguments.Split(args);
        if (words == null || words.Count != 1 || !words[0].Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            _selected = false;
            Reply(tag + " NO [NONEXISTENT] Only INBOX exists here.");
            return;
        }
        _selected = true;
        _view.Clear();
        _view.AddRange(Owner.Store.List(_mailbox));
        _deleted.Clear();
        long next = _view.Count == 0 ? 1 : _view[^1].Uid + 1;
        Reply("* FLAGS (\\Seen \\Deleted)", "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] Flags permitted.", $"* {_view.Count} EXISTS", "* 0 RECENT",
            $"* OK [UIDVALIDITY {UidValidity()}] UIDs valid", $"* OK [UIDNEXT {next}] Predicted next UID", tag + " OK [READ-WRITE] Select completed.");
    }

    /// <summary>The store's validity (8 hex digits, random per mailbox) as IMAP's non-zero 32-bit number.</summary>
    long UidValidity()
    {
        long v = long.Parse(Owner.Store.ValidityOf(_mailbox!), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0xFFFFFFFF;
        return v == 0 ? 1 : v;
    }

    bool Selected(string tag)
    {
        if (_selected) return true;
        Bad(tag, "No mailbox selected.");
        return false;
    }

    /// <summary>What changed in the store since the client last heard: EXPUNGE for messages gone, EXISTS for new ones.</summary>
    void Sync()
    {
        if (!_selected) return;
        var now = Owner.Store.List(_mailbox!);
        var present = now.Select(m => m.Uid).ToHashSet();
        for (int i = _view.Count - 1; i >= 0; i--)
            if (!present.Contains(_view[i].Uid))
            {
                Writer.WriteLine($"* {i + 1} EXPUNGE");
                _view.RemoveAt(i);
            }
        long highest = _view.Count == 0 ? 0 : _view[^1].Uid;
        int before = _view.Count;
        _view.AddRange(now.Where(m => m.Uid > highest));
        if (_view.Count != before) Writer.WriteLine($"* {_view.Count} EXISTS");
        Writer.Flush();
    }

    void Uid(string tag, string args)
    {
        if (!Selected(tag)) return;
        int space = args.IndexOf(' ');
        string sub = (space < 0 ? args : args[..space]).ToUpperInvariant();
        string rest = space < 0 ? "" : args[(space + 1)..];
        Sync();
        switch (sub)
        {
            case "SEARCH": Search(tag, rest); break;
            case "FETCH": Fetch(tag, rest); break;
            case "STORE": Store(tag, rest); break;
            case "EXPUNGE":
                var set = ImapArguments.UidSet(rest.Trim(), Highest);
                if (set == null) Bad(tag, "UID EXPUNGE needs a UID set.");
                else Expunge(tag, set);
                break;
            default: Bad(tag, "Unknown UID command."); break;
        }
    }

    long Highest => _view.Count == 0 ? 0 : _view[^1].Uid;

    void Search(string tag, string criteria)
    {
        string c = criteria.Trim().ToUpperInvariant();
        Func<long, bool>? keep = c switch
        {
            "ALL" => _ => true,
            "UNDELETED" or "NOT DELETED" => uid => !_deleted.Contains(uid),
            "DELETED" => uid => _deleted.Contains(uid),
            _ => null,
        };
        if (keep == null) { Reply(tag + " NO [CANNOT] Only ALL, DELETED and UNDELETED are searched here."); return; }
        var uids = _view.Where(m => keep(m.Uid)).Select(m => m.Uid.ToString(CultureInfo.InvariantCulture));
        Reply(("* SEARCH " + string.Join(' ', uids)).TrimEnd(), tag + " OK Search completed.");
    }

    void Fetch(string tag, string args)
    {
        int space = args.IndexOf(' ');
        var set = space < 0 ? null : ImapArguments.UidSet(args[..space], Highest);
        if (set == null) { Bad(tag, "UID FETCH needs a UID set and items."); return; }
        string items = args[(space + 1)..];
        string upper = items.ToUpperInvariant();
        for (int i = 0; i < _view.Count; i++)
        {
            var m = _view[i];
            if (!set(m.Uid)) continue;
            var bytes = Owner.Store.Read(m);
            if (bytes == null) continue; // removed by another session: the next Sync says EXPUNGE
            Writer.Write($"* {i + 1} FETCH (UID {m.Uid}");
            if (upper.Contains("RFC822.SIZE", StringComparison.Ordinal)) Writer.Write($" RFC822.SIZE {bytes.Length}");
            if (upper.Contains("FLAGS", StringComparison.Ordinal)) Writer.Write(" FLAGS (" + (_deleted.Contains(m.Uid) ? "\\Deleted" : "") + ")");
            int fields = upper.IndexOf("[HEADER.FIELDS (", StringComparison.Ordinal);
            if (fields >= 0)
            {
                int close = items.IndexOf(']', fields);
                string section = items[(fields + 1)..close];
                var names = section[(section.IndexOf('(') + 1)..section.IndexOf(')')].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Literal("BODY[" + section + "]", HeaderFields(bytes, names));
            }
            if (upper.Contains("BODY.PEEK[]", StringComparison.Ordinal) || upper.Contains("BODY[]", StringComparison.Ordinal))
            {
                Literal("BODY[]", bytes);
                _retrieved++;
                Owner.Raise(new MailEvent(MailEventKind.MessageRetrieved, "IMAP", m.Mailbox, m.MessageId, m.Subject, m.Uidl, Remote));
            }
            Writer.WriteLine(")");
        }
        Reply(tag + " OK Fetch completed.");
    }

    void Literal(string name, byte[] data)
    {
        Writer.Write($" {name} {{{data.Length}}}");
        Writer.EndLine();
        Writer.WriteBytes(data, 0, data.Length);
    }

    /// <summary>The header lines (with their continuations) whose names are in <paramref name="names"/>, and the blank line (RFC 9051 6.4.5).</summary>
    static byte[] HeaderFields(byte[] message, string[] names)
    {
        var wanted = names.Select(n => n.Trim('"')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var header = Encoding.UTF8.GetString(message, 0, HeaderInfo.HeaderEnd(message));
        var kept = new StringBuilder();
        bool keeping = false;
        foreach (var line in header.Split("\r\n"))
        {
            if (line.Length == 0) continue;
            if (line[0] != ' ' && line[0] != '\t')
            {
                int colon = line.IndexOf(':');
                keeping = colon > 0 && wanted.Contains(line[..colon].Trim());
            }
            if (keeping) kept.Append(line).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(kept.Append("\r\n").ToString());
    }

    void Store(string tag, string args)
    {
        var words = args.Split(' ', 3);
        var set = words.Length == 3 ? ImapArguments.UidSet(words[0], Highest) : null;
        string how = words.Length == 3 ? words[1].ToUpperInvariant() : "";
        if (set == null || !(how.StartsWith("+FLAGS", StringComparison.Ordinal) || how.StartsWith("-FLAGS", StringComparison.Ordinal) || how.StartsWith("FLAGS", StringComparison.Ordinal)))
        {
            Bad(tag, "UID STORE needs a UID set, +FLAGS, -FLAGS or FLAGS, and flags.");
            return;
        }
        bool deleted = words[2].Contains("\\Deleted", StringComparison.OrdinalIgnoreCase);
        for (int i = 0; i < _view.Count; i++)
        {
            long uid = _view[i].Uid;
            if (!set(uid)) continue;
            bool mark = how[0] == '+' ? deleted || _deleted.Contains(uid) : how[0] == '-' ? !deleted && _deleted.Contains(uid) : deleted;
            if (mark) _deleted.Add(uid);
            else _deleted.Remove(uid);
            if (!how.EndsWith(".SILENT", StringComparison.Ordinal))
                Writer.WriteLine($"* {i + 1} FETCH (UID {uid} FLAGS ({(_deleted.Contains(uid) ? "\\Deleted" : "")}))");
        }
        Reply(tag + " OK Store completed.");
    }

    /// <summary>Removes the messages marked \Deleted that <paramref name="which"/> names, from the last (so each EXPUNGE's number holds).</summary>
    void Expunge(string tag, Func<long, bool> which)
    {
        for (int i = _view.Count - 1; i >= 0; i--)
        {
            var m = _view[i];
            if (!_deleted.Contains(m.Uid) || !which(m.Uid)) continue;
            if (Owner.Store.Delete(_mailbox!, m.Uid))
                Owner.Raise(new MailEvent(MailEventKind.MessageDeleted, "IMAP", m.Mailbox, m.MessageId, m.Subject, m.Uidl, Remote));
            _deleted.Remove(m.Uid);
            _view.RemoveAt(i);
            Writer.WriteLine($"* {i + 1} EXPUNGE");
        }
        Reply(tag + " OK Expunge completed.");
    }

    /// <summary>IDLE until DONE: each message stored meanwhile is announced at once (EXISTS). False when the client left.</summary>
    async Task<bool> IdleAsync(string tag, CancellationToken stop)
    {
        if (!Selected(tag)) return true;
        while (_arrived.CurrentCount > 0) _arrived.Wait(0); // signals from before the IDLE: Sync covers them
        Reply("+ idling");
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        idle.CancelAfter(Options.ImapIdleTimeout);
        var line = Reader.ReadLineAsync(idle.Token);
        while (true)
        {
            Sync();
            var arrived = _arrived.WaitAsync(idle.Token);
            if (await Task.WhenAny(line, arrived).ConfigureAwait(false) == line) break;
        }
        var text = await line.ConfigureAwait(false);
        idle.Cancel(); // the pending wait for a signal ends with the IDLE
        if (text == null) return false;
        if (text.Equals("DONE", StringComparison.OrdinalIgnoreCase)) Reply(tag + " OK Idle completed.");
        else Bad(tag, "Expected DONE.");
        return true;
    }

    // --- Output ---------------------------------------------------------------------------------

    void Bad(string tag, string text)
    {
        _badCommands++;
        Reply(tag + " BAD " + text);
    }

    void Reply(params string[] lines) => Send(lines);

    void TryReply(string line) => TrySend(line);
}
