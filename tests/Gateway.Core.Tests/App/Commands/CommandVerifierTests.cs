using Gateway.App.Commands;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Signing;
using static Gateway.Core.Tests.Support.CommandKit;

namespace Gateway.Core.Tests.App.Commands;

public class CommandVerifierTests
{
    readonly MemoryStore _store = new();
    readonly CommandVerifier _verifier = new(Key, Device, CommandVerifier.DefaultWindowMs);

    NonceJournal Journal() => NonceJournal.Open(_store, CommandVerifier.DefaultWindowMs, T0, NullLog.Instance);

    VerifyResult Verify(string text, DateTime? now = null) => _verifier.Verify(CommandBlock.Parse(text), now ?? T0, Journal());

    /// <summary>Flips one bit of the MAC as written in the auth line (its first byte).</summary>
    static string FlipMacBit(string signed, int bit)
    {
        int at = signed.IndexOf(" mac=", StringComparison.Ordinal) + 5;
        int end = signed.IndexOf('\n', at);
        var mac = Convert.FromBase64String(signed[at..end]);
        mac[bit / 8] ^= (byte)(1 << (bit % 8));
        return signed[..at] + Convert.ToBase64String(mac) + signed[end..];
    }

    [Fact]
    public void A_block_signed_with_the_key_for_this_device_now_is_accepted()
    {
        var r = Verify(Sign("relay relay1 on", "status"));
        Assert.Equal(VerifyOutcome.Accepted, r.Outcome);
        Assert.Equal("ok", r.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(255)]
    public void A_MAC_with_one_bit_flipped_is_a_bad_signature(int bit)
    {
        var r = Verify(FlipMacBit(Sign("relay relay1 on"), bit));
        Assert.Equal(VerifyOutcome.BadSignature, r.Outcome);
        Assert.Equal("bad signature", r.Reason);
    }

    [Theory]
    [InlineData("relay relay1 on", "relay relay2 on")]
    [InlineData("relay relay1 on", "relay relay1 off")]
    [InlineData("set pop3.interval 60s", "set pop3.interval 1s")]
    public void Altered_command_text_is_a_bad_signature(string signedCommand, string sentCommand)
    {
        var r = Verify(Sign(signedCommand).Replace(signedCommand, sentCommand));
        Assert.Equal(VerifyOutcome.BadSignature, r.Outcome);
    }

    [Fact]
    public void Reordered_commands_are_a_bad_signature()
    {
        var lines = Sign("relay relay1 on", "relay relay1 off").Split('\n');
        var r = Verify(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n");
        Assert.Equal(VerifyOutcome.BadSignature, r.Outcome);
    }

    [Fact]
    public void A_changed_timestamp_within_the_window_is_a_bad_signature()
    {
        var r = Verify(Sign("status").Replace("ts=2026-11-27T08:00:00Z", "ts=2026-11-27T08:00:01Z"));
        Assert.Equal(VerifyOutcome.BadSignature, r.Outcome);
    }

    [Fact]
    public void A_block_signed_with_another_key_is_a_bad_signature()
    {
        var other = CommandSigner.Sign(["status"], Device, T0, Nonce(1), Seeded(32, 7));
        Assert.Equal(VerifyOutcome.BadSignature, Verify(other).Outcome);
    }

    [Fact]
    public void Case_and_blanks_around_lines_do_not_change_the_signature_but_inner_text_does()
    {
        var lines = Sign("relay relay1 on").Split('\n');
        Assert.Equal(VerifyOutcome.Accepted, Verify("  " + lines[0].Replace("gateway-auth:", "GATEWAY-AUTH:") + " \r\n\t" + lines[1] + "  \r\n").Outcome);
        Assert.Equal(VerifyOutcome.BadSignature, Verify(lines[0] + "\nrelay  relay1 on\n").Outcome);
    }

    [Fact]
    public void A_block_for_another_device_says_which()
    {
        var text = CommandSigner.Sign(["relay relay1 on"], "pump-house", T0, Nonce(1), Key);
        var r = Verify(text);
        Assert.Equal(VerifyOutcome.WrongDevice, r.Outcome);
        Assert.Equal("for another device (pump-house)", r.Reason);
    }

    [Fact]
    public void A_timestamp_older_than_the_window_is_expired_and_says_by_how_much()
    {
        var r = Verify(Sign(T0.AddMinutes(-14), 1, "status"));
        Assert.Equal(VerifyOutcome.Expired, r.Outcome);
        Assert.Equal("expired: timestamp 2026-11-27T07:46:00Z is 14m 0s behind the device clock (window 10m)", r.Reason);
    }

    [Fact]
    public void A_timestamp_ahead_of_the_window_is_refused_as_not_yet_valid()
    {
        var r = Verify(Sign(T0.AddMinutes(11), 1, "status"));
        Assert.Equal(VerifyOutcome.FromTheFuture, r.Outcome);
        Assert.Equal("not yet valid: timestamp 2026-11-27T08:11:00Z is 11m 0s ahead of the device clock (window 10m)", r.Reason);
    }

    [Theory]
    [InlineData(-600, VerifyOutcome.Accepted)]
    [InlineData(600, VerifyOutcome.Accepted)]
    [InlineData(-601, VerifyOutcome.Expired)]
    [InlineData(601, VerifyOutcome.FromTheFuture)]
    public void The_window_includes_its_edges(int seconds, VerifyOutcome outcome) =>
        Assert.Equal(outcome, Verify(Sign(T0.AddSeconds(seconds), 1, "status")).Outcome);

    [Fact]
    public void The_window_is_configurable()
    {
        var strict = new CommandVerifier(Key, Device, 60_000);
        var r = strict.Verify(CommandBlock.Parse(Sign(T0.AddMinutes(-2), 1, "status")), T0, Journal());
        Assert.Equal(VerifyOutcome.Expired, r.Outcome);
    }

    [Fact]
    public void A_mail_without_an_auth_line_runs_nothing()
    {
        var r = Verify("relay relay1 on\n");
        Assert.Equal(VerifyOutcome.MissingAuth, r.Outcome);
        Assert.Equal("no gateway-auth: line (an unsigned mail runs nothing)", r.Reason);
    }

    [Fact]
    public void A_garbled_auth_line_is_malformed()
    {
        var r = Verify("gateway-auth: v1 device=boiler\nstatus\n");
        Assert.Equal(VerifyOutcome.Malformed, r.Outcome);
        Assert.Equal("malformed auth line: missing ts=", r.Reason);
    }

    [Fact]
    public void A_seen_nonce_is_replayed()
    {
        var journal = Journal();
        journal.Record(Base64Url(Nonce(1)), T0, T0);
        var r = _verifier.Verify(CommandBlock.Parse(Sign("status")), T0.AddMinutes(1), journal);
        Assert.Equal(VerifyOutcome.Replayed, r.Outcome);
        Assert.Equal("replayed nonce", r.Reason);
    }

    [Fact]
    public void Checks_come_in_order_device_before_time_before_MAC()
    {
        // Another device, expired and forged at once: the device id is reported.
        var text = FlipMacBit(CommandSigner.Sign(["status"], "pump-house", T0.AddHours(-1), Nonce(1), Key), 3);
        Assert.Equal(VerifyOutcome.WrongDevice, Verify(text).Outcome);
        // Expired and forged: expired.
        Assert.Equal(VerifyOutcome.Expired, Verify(FlipMacBit(Sign(T0.AddHours(-1), 1, "status"), 3)).Outcome);
    }

    [Fact]
    public void A_forged_mail_with_a_seen_nonce_is_a_bad_signature_not_a_replay()
    {
        var journal = Journal();
        journal.Record(Base64Url(Nonce(1)), T0, T0);
        var r = _verifier.Verify(CommandBlock.Parse(FlipMacBit(Sign("status"), 9)), T0, journal);
        Assert.Equal(VerifyOutcome.BadSignature, r.Outcome);
    }

    [Fact]
    public void A_key_shorter_than_16_bytes_is_refused_without_showing_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new CommandVerifier(Seeded(15, 1), Device, 1000));
        Assert.DoesNotContain(Convert.ToBase64String(Seeded(15, 1)), e.Message);
    }

    static string Base64Url(byte[] b) => System.Buffers.Text.Base64Url.EncodeToString(b);

    [Fact]
    public void From_the_configuration_it_takes_key_device_and_window()
    {
        var v = CommandVerifier.FromConfig(CommandKit.Config())!;
        Assert.Equal(Device, v.DeviceId);
        Assert.Equal(600_000, v.WindowMs);
        Assert.True(v.Verify(CommandBlock.Parse(Sign("status")), T0, Journal()).Accepted);
    }

    [Fact]
    public void Without_a_command_key_there_is_no_verifier()
    {
        var c = Gateway.Core.Config.GatewayConfig.Parse("device.id = boiler\nsmtp.host = h\nsmtp.from = a@b\nalert.to = c@d\n").Config!;
        Assert.Null(CommandVerifier.FromConfig(c));
    }
}
