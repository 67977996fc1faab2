using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.Mail.Sasl;

/// <summary>
/// One SASL exchange (RFC 4422 5) as SMTP AUTH (RFC 4954 4), POP3 AUTH (RFC 5034 4) and IMAP
/// AUTHENTICATE (RFC 9051 6.2.2) all run it: the command with the initial response when it fits the
/// command line (IMAP: only with SASL-IR, RFC 4959), else that response in answer to the
/// first (empty) challenge; then one answer per challenge, at most <see cref="MaxChallenges"/>; a
/// mechanism that refuses a challenge, or one challenge too many, cancels with "*" and reads the
/// server's refusal. Each protocol says how the command starts, how a line is sent and how a challenge
/// is told from the final reply (SMTP 334, POP3 and IMAP "+ "); the client keeps the final reply and judges it.
/// </summary>
public abstract class SaslExchange
{
    /// <summary>
    /// Challenges answered before the exchange is taken as endless: PLAIN answers an empty challenge by
    /// sending its response again, so a server asking forever would have the password sent forever.
    /// </summary>
    public const int MaxChallenges = 4;

    /// <summary>What a log shows in place of a secret.</summary>
    public const string Mask = "********";

    /// <summary>
    /// Credentials cross only an encrypted connection, or a clear one that the configuration names a
    /// test server's (tls = none with allow-plain-auth = true). APOP is the exception its client makes.
    /// </summary>
    public static bool MaySendCredentials(bool encrypted, TlsMode tls, bool allowPlainAuth) =>
        encrypted || (tls == TlsMode.None && allowPlainAuth);

    /// <summary>
    /// Runs the exchange until the server sends a final reply (kept by the protocol's
    /// <see cref="ReadChallenge"/>).
    /// </summary>
    /// <exception cref="SaslException">The exchange was cancelled: the mechanism refused a challenge or the server sent too many.</exception>
    public void Run(ISaslMechanism mechanism)
    {
        string? initial = mechanism.InitialResponse();
        string command = AuthCommand(mechanism.Name);
        int shown = command.Length;
        string? deferred = null; // too long for the command line: it answers the first challenge instead
        if (initial != null)
        {
            string argument = initial.Length == 0 ? "=" : initial;
            if (command.Length + 1 + argument.Length + 2 <= MaxCommandLine)
                command += " " + argument;
            else
                deferred = initial;
        }
        Send(command, shown);
        for (int challenges = 0; ReadChallenge(out string challenge); challenges++)
        {
            string answer;
            if (deferred != null)
            {
                answer = deferred;
                deferred = null;
            }
            else
            {
                try
                {
                    if (challenges >= MaxChallenges)
                        throw new SaslException("the server sent more than " + Ascii.FromInt(MaxChallenges) + " challenges");
                    answer = mechanism.Respond(challenge);
                }
                catch (SaslException)
                {
                    Send("*", 1);
                    ReadChallenge(out challenge); // the server's refusal of the cancelled exchange
                    throw;
                }
            }
            Send(answer, 0);
        }
    }

    /// <summary>The command that starts the exchange, without its initial response: "AUTH PLAIN", IMAP's "A3 AUTHENTICATE PLAIN".</summary>
    protected virtual string AuthCommand(string mechanism) => "AUTH " + mechanism;

    /// <summary>The longest AUTH command line, CRLF included, that may carry the initial response.</summary>
    protected abstract int MaxCommandLine { get; }

    /// <summary>Sends one line and flushes; a log shows only its first <paramref name="shown"/> chars (see <see cref="Shown"/>).</summary>
    protected abstract void Send(string line, int shown);

    /// <summary>Reads the server's next reply: true for a challenge (its text in <paramref name="challenge"/>), false for the final reply.</summary>
    protected abstract bool ReadChallenge(out string challenge);

    /// <summary>A line as a log may show it: its first <paramref name="shown"/> chars, then the mask for the rest.</summary>
    public static string Shown(string line, int shown)
    {
        if (shown >= line.Length) return line;
        return shown == 0 ? Mask : line.Substring(0, shown) + " " + Mask;
    }
}
