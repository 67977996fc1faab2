using System;
using Gateway.Core.Config;
using Gateway.Core.Crypto;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// The device's side of command authentication (format: <see cref="CommandAuth"/>). Checks, in this
/// order, each with its own reason: an auth line present and well-formed; the device id; the timestamp
/// within the window of the device's clock (both directions); the MAC, compared in constant time; the
/// nonce never seen (and the timestamp above the journal's floor). It only reads the journal: the
/// executor records the nonce. Reasons never hold the key, the expected MAC or the received MAC.
/// </summary>
public sealed class CommandVerifier
{
    public const int DefaultWindowMs = 10 * 60 * 1000;

    readonly HmacSha256 _hmac;
    readonly string _deviceId;
    readonly long _windowTicks;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="GatewaySchema.MinCommandKeyBytes"/>, or the window is not positive.</exception>
    public CommandVerifier(byte[] key, string deviceId, int windowMs)
    {
        if (key == null || key.Length < GatewaySchema.MinCommandKeyBytes)
            throw new ArgumentException("the command key must have at least " + Ascii.FromInt(GatewaySchema.MinCommandKeyBytes) + " bytes");
        if (windowMs <= 0) throw new ArgumentException("the window must be positive");
        _hmac = new HmacSha256(key);
        _deviceId = deviceId;
        _windowTicks = windowMs * TimeSpan.TicksPerMillisecond;
        WindowMs = windowMs;
    }

    /// <summary>The verifier for <c>command.key</c>, <c>device.id</c> and <c>command.window</c>; null when no command key is set (commands are off).</summary>
    public static CommandVerifier? FromConfig(GatewayConfig config)
    {
        var key = config.GetBytes("command.key");
        if (key == null) return null;
        return new CommandVerifier(key, config.GetString("device.id") ?? "", config.GetDurationMs("command.window"));
    }

    public int WindowMs { get; }

    public string DeviceId => _deviceId;

    public VerifyResult Verify(CommandBlock block, DateTime nowUtc, NonceJournal journal)
    {
        var auth = block.Auth;
        if (block.AuthText == null)
            return new VerifyResult(VerifyOutcome.MissingAuth, "no " + CommandAuth.Prefix + " line (an unsigned mail runs nothing)");
        if (auth == null || block.Problem != null)
            return new VerifyResult(VerifyOutcome.Malformed, block.Problem ?? "malformed auth line");

        if (auth.Device != _deviceId)
            return new VerifyResult(VerifyOutcome.WrongDevice, "for another device (" + auth.Device + ")");

        long skew = auth.Timestamp.Ticks - nowUtc.Ticks;
        if (skew < -_windowTicks)
            return new VerifyResult(VerifyOutcome.Expired, "expired: timestamp " + auth.TimestampText + " is "
                + IsoTime.FormatDuration(-skew / TimeSpan.TicksPerMillisecond) + " behind the device clock (window "
                + ConfigValues.FormatDuration(WindowMs) + ")");
        if (skew > _windowTicks)
            return new VerifyResult(VerifyOutcome.FromTheFuture, "not yet valid: timestamp " + auth.TimestampText + " is "
                + IsoTime.FormatDuration(skew / TimeSpan.TicksPerMillisecond) + " ahead of the device clock (window "
                + ConfigValues.FormatDuration(WindowMs) + ")");

        var lines = block.Lines;
        var mac = CommandAuth.ComputeMac(_hmac, auth.Device, auth.TimestampText, auth.Nonce, lines, lines.Length);
        bool match = FixedTime.Equals(mac, auth.Mac);
        Array.Clear(mac, 0, mac.Length);
        if (!match)
            return new VerifyResult(VerifyOutcome.BadSignature, "bad signature");

        if (journal.Contains(auth.Nonce))
            return new VerifyResult(VerifyOutcome.Replayed, "replayed nonce");
        if (journal.IsBelowFloor(auth.Timestamp))
            return new VerifyResult(VerifyOutcome.Replayed, "replayed or too old for the replay journal: timestamp "
                + auth.TimestampText + " is not after " + IsoTime.Format(journal.FloorUtc));

        return new VerifyResult(VerifyOutcome.Accepted, "ok");
    }
}
