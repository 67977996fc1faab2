using Gateway.App.Delivery;

namespace Gateway.Core.Tests.App.Delivery;

public class BackoffTests
{
    [Fact]
    public void Delay_doubles_up_to_the_cap_within_twenty_percent_jitter()
    {
        var b = new Backoff(30_000, 3_600_000, new Random(1));
        long[] nominal = [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000];
        for (int attempt = 1; attempt <= nominal.Length; attempt++)
            for (int k = 0; k < 50; k++)
            {
                long d = b.DelayMs(attempt);
                Assert.InRange(d, nominal[attempt - 1] * 8 / 10, nominal[attempt - 1] * 12 / 10);
            }
    }

    [Fact]
    public void Jitter_spreads_devices_apart()
    {
        var b = new Backoff(30_000, 3_600_000, new Random(2));
        var delays = Enumerable.Range(0, 100).Select(_ => b.DelayMs(3)).Distinct().Count();
        Assert.True(delays > 50, $"{delays} distinct delays");
    }
}
