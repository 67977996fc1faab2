using Gateway.Core.Net;
using Gateway.Host.Doctor;

namespace Gateway.Host.Tests.Doctor;

public class ClockCheckTests
{
    static ProbeSession Session() => new(new DoctorTarget { Protocol = "smtp", Host = "h", Port = 25, Tls = TlsMode.None });

    [Fact]
    public void A_date_in_the_greeting_is_read()
    {
        var when = GreetingCheck.DateIn("mx.example.com Microsoft ESMTP MAIL Service ready at Fri, 27 Nov 2026 03:40:00 +0100");
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 40, 0, TimeSpan.Zero), when);
    }

    [Fact]
    public void A_clock_ten_minutes_off_the_servers_warns()
    {
        var s = Session();
        s.ServerTime = new DateTimeOffset(2026, 11, 27, 3, 40, 0, TimeSpan.Zero);
        var result = ClockCheck.Run(s, s.ServerTime.Value.AddMinutes(10));
        Assert.Equal(DoctorStatus.Warn, result.Status);
        Assert.Contains("ahead by 600 s", result.Detail);
    }

    [Fact]
    public void A_clock_within_a_minute_of_the_servers_passes()
    {
        var s = Session();
        s.ServerTime = new DateTimeOffset(2026, 11, 27, 3, 40, 0, TimeSpan.Zero);
        Assert.Equal(DoctorStatus.Pass, ClockCheck.Run(s, s.ServerTime.Value.AddSeconds(-30)).Status);
    }

    [Fact]
    public void A_clock_that_was_never_set_warns()
    {
        var result = ClockCheck.Run(Session(), new DateTimeOffset(1970, 1, 1, 0, 0, 5, TimeSpan.Zero));
        Assert.Equal(DoctorStatus.Warn, result.Status);
        Assert.Contains("not set", result.Detail);
    }
}
