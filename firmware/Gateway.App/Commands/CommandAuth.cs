using System;
using Gateway.Core.Config;
using Gateway.Core.Crypto;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// The signature line of a command mail, format v1:
/// <code>
/// gateway-auth: v1 device=ID ts=YYYY-MM-DDTHH:MM:SSZ nonce=NONCE n=COUNT mac=MAC
/// </code>
/// <list type="bullet">
/// <item>ID: the device's <c>device.id</c> (letters, digits, '.', '-', '_'; at most 64).</item>
/// <item>ts: the signing time, UTC, whole seconds.</item>
/// <item>NONCE: 16 random bytes, base64url without padding (22 chars); never used twice.</item>
/// <item>COUNT: how many command lines follow (1-<see cref="CommandBlock.MaxCommands"/>). Text after them
///   (an attribution line, a disclaimer a server appends, a quoted older mail) is then outside the signed
///   block and ignored, instead of breaking the MAC.</item>
/// <item>MAC: base64 (with padding, 44 chars) of HMAC-SHA256(command.key, canonical), where canonical is
///   the UTF-8 of <c>"v1\n" + ID + "\n" + ts + "\n" + NONCE + "\n"</c> followed by the COUNT command lines,
///   each trimmed of blanks, joined with "\n" (no "\n" after the last).</item>
/// </list>
/// The fields come in this order, separated by blanks; the prefix and field names ignore ASCII case.
/// A mail client that wraps the long line at a blank is tolerated: lines right after it that start
/// with one of the fields continue it (<see cref="CommandBlock"/>).
/// </summary>
public sealed class CommandAuth
{
    public const string Prefix = "gateway-auth:";
    public const string Version = "v1";
    public const int NonceBytes = 16;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_fields;
    static string[] Fields => s_fields ?? (s_fields = new string[] { "device", "ts", "nonce", "n", "mac" });

    CommandAuth(string device, string timestampText, DateTime timestamp, string nonce, int count, byte[] mac)
    {
        Device = device;
        TimestampText = timestampText;
        Timestamp = timestamp;
        Nonce = nonce;
        Count = count;
        Mac = mac;
    }

    public string Device { get; }

    /// <summary>The timestamp exactly as written (it is what the MAC covers).</summary>
    public string TimestampText { get; }

    public DateTime Timestamp { get; }

    public string Nonce { get; }

    /// <summary>The number of signed command lines after the auth line.</summary>
    public int Count { get; }

    /// <summary>The 32 bytes of the MAC as sent.</summary>
    public byte[] Mac { get; }

    /// <summary>Whether a (trimmed) line is, or starts, an auth line.</summary>
    public static bool IsAuthLine(string trimmed) => Ascii.StartsWithIgnoreCase(trimmed, Prefix);

    /// <summary>Whether a (trimmed) line starts with one of the auth fields, i.e. continues a wrapped auth line.</summary>
    public static bool IsContinuation(string trimmed)
    {
        for (int i = 0; i < Fields.Length; i++)
            if (Ascii.StartsWithIgnoreCase(trimmed, Fields[i] + "=")) return true;
        return false;
    }

    /// <summary>Reads an auth line; null and a short reason when it is malformed. The reason never repeats the MAC.</summary>
    public static CommandAuth? Parse(string line, out string problem)
    {
        problem = "";
        string text = Ascii.TrimBlanks(line);
        if (!IsAuthLine(text)) { problem = "not a " + Prefix + " line"; return null; }
        var words = text.Substring(Prefix.Length).Split(' ', '\t');
        var values = new string?[Fields.Length];
        int field = -1; // -1: the version is next
        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            if (w.Length == 0) continue;
            if (field < 0)
            {
                if (!Ascii.EqualsIgnoreCase(w, Version)) { problem = "unsupported version " + Ascii.Excerpt(w, 8) + " (this device reads " + Version + ")"; return null; }
                field = 0;
                continue;
            }
            if (field >= Fields.Length) { problem = "unexpected text after mac="; return null; }
            string name = Fields[field];
            if (!Ascii.StartsWithIgnoreCase(w, name + "=")) { problem = "expected " + name + "= as field " + Ascii.FromInt(field + 1); return null; }
            values[field] = w.Substring(name.Length + 1);
            field++;
        }
        if (field < 0) { problem = "no version"; return null; }
        if (field < Fields.Length) { problem = "missing " + Fields[field] + "="; return null; }

        string device = values[0]!, ts = values[1]!, nonce = values[2]!, n = values[3]!, mac = values[4]!;
        if (!ConfigValues.IsIdentifier(device)) { problem = "device= is not a device id"; return null; }
        if (!IsoTime.TryParse(ts, out DateTime when)) { problem = "ts= is not a UTC time like 2026-11-27T08:00:00Z"; return null; }
        var nonceBytes = Base64Url.Decode(nonce);
        if (nonceBytes == null || nonceBytes.Length != NonceBytes) { problem = "nonce= is not 16 bytes of base64url"; return null; }
        if (!Ascii.TryParseInt(n, out int count) || count < 1 || count > CommandBlock.MaxCommands)
        {
            problem = "n= is not a command count from 1 to " + Ascii.FromInt(CommandBlock.MaxCommands);
            return null;
        }
        byte[]? macBytes = null;
        if (mac.Length == 44)
        {
            try { macBytes = Convert.FromBase64String(mac); }
            catch (FormatException) { macBytes = null; }
        }
        if (macBytes == null || macBytes.Length != HmacSha256.MacSize) { problem = "mac= is not 32 bytes of base64"; return null; }
        return new CommandAuth(device, ts, when, nonce, count, macBytes);
    }

    /// <summary>The auth line for these values (no line break).</summary>
    public static string Format(string device, string timestampText, string nonce, int count, byte[] mac) =>
        Prefix + " " + Version + " device=" + device + " ts=" + timestampText + " nonce=" + nonce
        + " n=" + Ascii.FromInt(count) + " mac=" + Base64.Encode(mac);

    /// <summary>
    /// HMAC-SHA256 of the canonical text (see the class comment) under the key held by <paramref name="hmac"/>,
    /// fed a line at a time. <paramref name="lines"/> must already be trimmed.
    /// </summary>
    public static byte[] ComputeMac(HmacSha256 hmac, string device, string timestampText, string nonce, string[] lines, int count)
    {
        Feed(hmac, Version + "\n" + device + "\n" + timestampText + "\n" + nonce + "\n");
        for (int i = 0; i < count; i++)
            Feed(hmac, i == 0 ? lines[i] : "\n" + lines[i]);
        return hmac.Final();
    }

    static void Feed(HmacSha256 hmac, string s)
    {
        var b = Utf8.GetBytes(s);
        hmac.Update(b, 0, b.Length);
    }
}
