using Gateway.Host.Sensors;

namespace Gateway.Host.Tests.Sensors;

public sealed class SimulatedRelayTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("gateway-relay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void With_a_journal_a_restarted_relay_resumes_its_state_and_its_count_of_moves()
    {
        string journal = Path.Combine(_dir, "relays", "pump");
        var first = new SimulatedRelay("pump", on: false, journal);
        first.Set("on");
        first.Set("off");
        first.Set("on");
        var restarted = new SimulatedRelay("pump", on: false, journal);
        Assert.True(restarted.On);
        Assert.Equal(3, restarted.Moves);
    }

    [Fact]
    public void A_move_cut_off_mid_line_by_a_crash_does_not_count()
    {
        string journal = Path.Combine(_dir, "pump");
        File.WriteAllText(journal, "on\nof");
        var relay = new SimulatedRelay("pump", on: false, journal);
        Assert.True(relay.On);
        Assert.Equal(1, relay.Moves);
    }

    [Fact]
    public void Without_a_journal_nothing_is_written()
    {
        var relay = new SimulatedRelay("pump", on: false);
        relay.Set("on");
        Assert.Equal(1, relay.Moves);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
