using Gateway.Core.Config;
using Gateway.Host.Net;

namespace Gateway.Host.Tests.Doctor;

public class PinConfigTests
{
    const string Base = "device.id = d\nsmtp.host = mx.example.com\nsmtp.from = d@example.com\nalert.to = o@example.com\n";

    static string[] Check(string extra)
    {
        var parsed = GatewayConfig.Parse(Base + extra);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.ToString())));
        return ConfigFile.Check(parsed.Config!);
    }

    [Fact]
    public void A_pin_as_the_doctor_prints_it_is_accepted()
    {
        Assert.Empty(Check("smtp.pin = sha256//js8PpMr+Q3vCid0tII0rDwpDayNZpRWxrKgkTrXBjg=\n"));
    }

    [Fact]
    public void A_pin_that_is_not_a_sha256_is_refused_with_the_key_named()
    {
        var errors = Check("smtp.pin = abc\n");
        Assert.Single(errors);
        Assert.StartsWith("smtp.pin: \"abc\" is not a base64 SHA-256", errors[0]);
    }

    [Fact]
    public void The_pin_of_a_certificate_is_44_base64_characters()
    {
        using var cert = Support.TestCertificates.SelfSigned("mail.example.com");
        var pin = TlsTrust.PinOf(cert);
        Assert.Equal(44, pin.Length);
        Assert.True(TlsTrust.IsValidPin(pin));
    }
}
