using Gateway.App.Delivery;

namespace Gateway.Core.Tests.App.Delivery;

public class OutboxCodecTests
{
    static OutboxEntry Sample() => new("20261127T080000.1.abcd@gateway.test", new DateTime(2026, 11, 27, 8, 0, 0), ["ops@gateway.test", "boss@gateway.test"],
        "[demo-01] ALERT: Temperatur 31 °C\r\nBcc: evil@x.test", "line 1\r\n.line 2\nünïcödé 😀\r\n")
    {
        Attempts = 3,
        NextAttemptUtc = new DateTime(2026, 11, 27, 8, 5, 0),
        InReplyTo = "<cmd-1@ops.test>",
        References = "<cmd-1@ops.test>",
        LastError = "RCPT TO refused: 451 4.3.0 try later: naïve",
    };

    [Fact]
    public void Entry_round_trips_every_field()
    {
        var e = Sample();
        var d = OutboxCodec.Decode(OutboxCodec.Encode(e), out var problem);
        Assert.NotNull(d);
        Assert.Equal("", problem);
        Assert.Equal(e.MessageId, d!.MessageId);
        Assert.Equal(e.CreatedUtc, d.CreatedUtc);
        Assert.Equal(e.To, d.To);
        Assert.Equal(e.Subject, d.Subject);
        Assert.Equal(e.Body, d.Body);
        Assert.Equal(3, d.Attempts);
        Assert.Equal(e.NextAttemptUtc, d.NextAttemptUtc);
        Assert.Equal(e.InReplyTo, d.InReplyTo);
        Assert.Equal(e.References, d.References);
        Assert.Equal(e.LastError, d.LastError);
    }

    [Fact]
    public void Every_truncation_is_detected()
    {
        var bytes = OutboxCodec.Encode(Sample());
        for (int n = 0; n < bytes.Length; n++)
        {
            var torn = bytes[..n];
            Assert.Null(OutboxCodec.Decode(torn, out var problem));
            Assert.NotEqual("", problem);
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_detected()
    {
        var bytes = OutboxCodec.Encode(Sample());
        var rng = new Random(3);
        for (int k = 0; k < 500; k++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[rng.Next(damaged.Length)] ^= (byte)(1 << rng.Next(8));
            Assert.Null(OutboxCodec.Decode(damaged, out _));
        }
    }
}
