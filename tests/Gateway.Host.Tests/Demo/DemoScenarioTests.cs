using Gateway.Host.Demo;

namespace Gateway.Host.Tests.Demo;

/// <summary>`gateway demo` end to end: a real local mail server (SMTP + POP3 with TLS) in process.</summary>
public class DemoScenarioTests
{
    [Fact]
    public async Task The_demo_delivers_the_alert_runs_the_command_once_and_delivers_the_reply()
    {
        var output = new StringWriter();
        var outcome = await new DemoScenario(output, verbose: false).RunAsync();
        var timeline = output.ToString();
        Assert.True(outcome.Succeeded, timeline);
        Assert.Equal(1, outcome.AlertCopies);
        Assert.Equal(1, outcome.RelayMoves);
        Assert.Contains("alert stored for ops@gateway.local", timeline);
        Assert.Contains("relay1 on: ok (was off)", timeline);
        Assert.Contains("demo: ok", timeline);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(60), timeline);
    }

    [Fact]
    public async Task With_imap_the_command_is_pushed_by_idle_and_runs_within_a_second_of_the_send()
    {
        var output = new StringWriter();
        var outcome = await new DemoScenario(output, verbose: false) { Imap = true }.RunAsync();
        var timeline = output.ToString();
        Assert.True(outcome.Succeeded, timeline);
        Assert.Equal(1, outcome.RelayMoves);
        Assert.Contains("IMAPS", timeline);
        Assert.Contains("waits for commands in IMAP IDLE", timeline);
        Assert.Contains("(pushed by IDLE)", timeline);
        Assert.Contains("command latency:", timeline);
        Assert.NotNull(outcome.CommandLatency);
        // The operator's SMTP submission and the device's run, no poll interval: well under the POP3 demo's 2 s poll.
        Assert.True(outcome.CommandLatency < TimeSpan.FromSeconds(2), timeline);
        Assert.Contains("demo: ok", timeline);
    }

    [Fact]
    public async Task Unplugging_the_mail_server_delays_the_alert_but_does_not_lose_it()
    {
        var output = new StringWriter();
        var outcome = await new DemoScenario(output, verbose: false) { UnplugFor = TimeSpan.FromSeconds(5) }.RunAsync();
        var timeline = output.ToString();
        Assert.True(outcome.Succeeded, timeline);
        Assert.Equal(1, outcome.AlertCopies); // delivered once, after the outage
        Assert.Contains("UNPLUGGED", timeline);
        Assert.Contains("delivery failed, will retry", timeline);
        Assert.True(timeline.IndexOf("plugged back in", StringComparison.Ordinal) < timeline.IndexOf("alert stored", StringComparison.Ordinal), timeline);
        Assert.Equal(1, outcome.RelayMoves);
    }
}
