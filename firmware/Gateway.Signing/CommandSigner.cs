using System;
using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Crypto;
using Gateway.Core.Text;

namespace Gateway.Signing;

/// <summary>
/// The operator's side: turns command lines into the text block to mail (format: <see cref="CommandAuth"/>).
/// <code>
/// gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=q83vEjRWeJCrze8SNFZ4kA n=2 mac=...=
/// relay relay1 on
/// status
/// </code>
/// </summary>
public static class CommandSigner
{
    /// <summary>
    /// Signs <paramref name="commands"/> (each trimmed; none blank, quoted, a separator or longer than
    /// <see cref="CommandBlock.MaxLineLength"/>; at most <see cref="CommandBlock.MaxCommands"/>) for
    /// <paramref name="deviceId"/> at <paramref name="utcNow"/> (whole seconds) with a fresh 16-byte
    /// <paramref name="nonce"/>. Returns the auth line and the commands, each ending in "\n".
    /// </summary>
    /// <exception cref="ArgumentException">A command, the device id, the nonce or the key is unusable (the message never holds the key).</exception>
    public static string Sign(string[] commands, string deviceId, DateTime utcNow, byte[] nonce, byte[] key)
    {
        if (commands == null || commands.Length == 0) throw new ArgumentException("no commands to sign");
        if (commands.Length > CommandBlock.MaxCommands)
            throw new ArgumentException("at most " + Ascii.FromInt(CommandBlock.MaxCommands) + " commands per mail");
        if (!ConfigValues.IsIdentifier(deviceId)) throw new ArgumentException("not a device id: " + Ascii.Excerpt(deviceId, 64));
        if (nonce == null || nonce.Length != CommandAuth.NonceBytes) throw new ArgumentException("the nonce must be 16 random bytes");
        if (key == null || key.Length < GatewaySchema.MinCommandKeyBytes)
            throw new ArgumentException("the command key must have at least " + Ascii.FromInt(GatewaySchema.MinCommandKeyBytes) + " bytes");

        var lines = new string[commands.Length];
        for (int i = 0; i < commands.Length; i++)
        {
            string c = Ascii.TrimBlanks(commands[i] ?? "");
            string problem = CheckLine(c);
            if (problem.Length > 0) throw new ArgumentException("command " + Ascii.FromInt(i + 1) + " " + problem);
            lines[i] = c;
        }

        string ts = IsoTime.Format(utcNow);
        string nonceText = Base64Url.Encode(nonce);
        var hmac = new HmacSha256(key);
        var mac = CommandAuth.ComputeMac(hmac, deviceId, ts, nonceText, lines, lines.Length);
        hmac.Clear();
        string text = CommandAuth.Format(deviceId, ts, nonceText, lines.Length, mac) + "\n";
        for (int i = 0; i < lines.Length; i++) text += lines[i] + "\n";
        return text;
    }

    /// <summary>"" when the device would read <paramref name="trimmed"/> as a command line of the block, else why not.</summary>
    static string CheckLine(string trimmed)
    {
        if (trimmed.Length == 0) return "is blank";
        if (trimmed.Length > CommandBlock.MaxLineLength) return "is longer than " + Ascii.FromInt(CommandBlock.MaxLineLength) + " chars";
        for (int i = 0; i < trimmed.Length; i++)
            if (trimmed[i] < ' ' && trimmed[i] != '\t') return "holds a control character";
        if (trimmed[0] == '>') return "starts with '>' (read as a quote)";
        if (trimmed[0] == '-' && trimmed.Length > 1 && trimmed[1] == '-') return "starts with \"--\" (read as a separator)";
        if (trimmed.Length >= 10 && trimmed[0] == '_') return "starts with '_' (read as a separator)";
        if (CommandAuth.IsAuthLine(trimmed) || CommandAuth.IsContinuation(trimmed)) return "looks like part of the auth line";
        return "";
    }
}
