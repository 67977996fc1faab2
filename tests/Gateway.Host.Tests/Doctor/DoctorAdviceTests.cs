using Gateway.Host.Doctor;

namespace Gateway.Host.Tests.Doctor;

/// <summary>The provider texts people meet, each translated into the advice that fixes it.</summary>
public class DoctorAdviceTests
{
    [Theory]
    [InlineData("AUTH PLAIN refused: 535 5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials", "app password")]
    [InlineData("AUTH LOGIN refused: 534 5.7.9 Application-specific password required", "app password")]
    [InlineData("AUTH LOGIN refused: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled", "basic authentication")]
    [InlineData("AUTH PLAIN refused: 530 5.7.0 Must issue a STARTTLS command first", "smtp.tls = starttls")]
    [InlineData("RCPT TO refused: 554 5.7.1 <x@example.org>: Relay access denied", "does not relay")]
    [InlineData("greeting refused: 421 4.7.0 Too many connections from your host", "too many connections")]
    [InlineData("USER/PASS refused: -ERR [AUTH] Authentication failed", "RFC 3206")]
    [InlineData("USER/PASS refused: -ERR [SYS/TEMP] Try again later", "temporary problem")]
    [InlineData("USER/PASS refused: -ERR [IN-USE] Mailbox locked", "mailbox lock")]
    [InlineData("cannot connect to smtp.example.com:25: Connection refused; open instead: 587", "Port 25 is blocked")]
    [InlineData("no answer from smtp.example.com:25 within 30000 ms (smtp.timeout): timed out", "Port 25 is blocked")]
    [InlineData("not verified: the certificate is for other.example.net, not for the host that was dialled", "another name")]
    [InlineData("not verified: the certificate is trusted neither by the system store nor by ca.pem: NotTimeValid", "validity period")]
    [InlineData("not verified: the certificate is not trusted by the system store: UntrustedRoot", "smtp.ca")]
    [InlineData("the clock is far off: local ahead by 4000 s", "NTP")]
    public void Known_failure_text_gets_its_advice(string detail, string expected)
    {
        Assert.Contains(expected, DoctorAdvice.For(detail), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Microsoft_basic_auth_disabled_is_not_mistaken_for_a_wrong_password()
    {
        Assert.DoesNotContain("app password", DoctorAdvice.For("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant"));
    }

    [Fact]
    public void An_unknown_text_gets_no_advice()
    {
        Assert.Null(DoctorAdvice.For("250 2.0.0 Ok"));
    }
}
