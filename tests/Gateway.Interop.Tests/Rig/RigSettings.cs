using System.Globalization;
using System.Text;

namespace Gateway.Interop.Tests.Rig;

/// <summary>What tests/mailrig/start wrote to DIR/rig.env: where the rig listens and who may log in.</summary>
public sealed record RigSettings(
    string Directory,
    string Host,
    int SmtpPort,
    int SubmissionPort,
    int SmtpsPort,
    int PlainPort,
    int Pop3Port,
    int Pop3sPort,
    string DeviceUser,
    string DevicePassword,
    string OpsUser,
    string OpsPassword,
    string CaPath)
{
    public static RigSettings Load(string envFile)
    {
        var values = ParseEnvFile(File.ReadAllLines(envFile));
        string Get(string key) =>
            values.TryGetValue(key, out var value) && value.Length > 0
                ? value
                : throw new InvalidDataException($"{envFile} has no value for {key}");
        int Port(string key) => int.Parse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture);

        return new RigSettings(
            Get("GATEWAY_RIG_DIR"),
            Get("RIG_HOST"),
            Port("RIG_SMTP_PORT"),
            Port("RIG_SUBMISSION_PORT"),
            Port("RIG_SMTPS_PORT"),
            Port("RIG_PLAIN_PORT"),
            Port("RIG_POP3_PORT"),
            Port("RIG_POP3S_PORT"),
            Get("RIG_DEVICE_USER"),
            Get("RIG_DEVICE_PASSWORD"),
            Get("RIG_OPS_USER"),
            Get("RIG_OPS_PASSWORD"),
            Get("RIG_CA"))
        {
            ImapPort = Port("RIG_IMAP_PORT"),
            ImapsPort = Port("RIG_IMAPS_PORT"),
        };
    }

    /// <summary>Dovecot's IMAP with STARTTLS (1143 by default).</summary>
    public int ImapPort { get; init; }

    /// <summary>Dovecot's IMAP over implicit TLS (1993 by default).</summary>
    public int ImapsPort { get; init; }

    /// <summary>
    /// Reads shell <c>KEY=value</c> lines as the start script writes them: plain words, single-quoted
    /// runs and backslash escapes (<c>'it'\''s'</c>). Comments and blank lines are skipped.
    /// </summary>
    public static Dictionary<string, string> ParseEnvFile(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            result[line[..eq]] = Unquote(line[(eq + 1)..]);
        }

        return result;
    }

    private static string Unquote(string text)
    {
        var value = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new InvalidDataException($"unterminated quote in '{text}'");
                }

                value.Append(text, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[++i]);
            }
            else
            {
                value.Append(c);
            }
        }

        return value.ToString();
    }
}
