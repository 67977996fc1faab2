using Gateway.MemoryProbe;

namespace Gateway.Device.Tests;

/// <summary>The memory probe's scenario on .NET: every step it checks on the nanoCLR also holds here.</summary>
public class MemoryProbeTests
{
    sealed class Lines : IProbeOutput
    {
        public readonly List<string> All = [];
        public void Line(string text) => All.Add(text);
    }

    [Fact]
    public void The_loop_scenario_runs_a_signed_command_and_delivers_the_alert()
    {
        var output = new Lines();

        bool ok = LoopScenario.Run(output);

        Assert.True(ok, string.Join("\n", output.All));
        Assert.Equal("probe: ok", output.All[^1]);
        Assert.Contains(output.All, l => l.StartsWith("cycle 1: polled one signed command (status: demo-01 up", StringComparison.Ordinal));
        Assert.Contains("cycle 5: 35 °C passes temp-high's 30 °C: alert queued and delivered", output.All);
    }

    [Fact]
    public void The_probe_parses_the_text_of_config_mailrig_conf()
    {
        var text = File.ReadAllText(Path.Combine(Gateway.Core.Tests.Support.RepoPaths.Root, "config", "mailrig.conf"));
        Assert.Equal(MailrigConf.Text, text);
    }
}
