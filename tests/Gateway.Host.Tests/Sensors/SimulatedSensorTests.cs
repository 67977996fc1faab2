using Gateway.Host.Sensors;

namespace Gateway.Host.Tests.Sensors;

public class SimulatedSensorTests
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    static SimulatedSensor Make(string spec)
    {
        Assert.True(SimulatedSensor.TryParse("s", spec, "°C", T0, out var sensor, out var why), why);
        return sensor!;
    }

    [Fact]
    public void Each_shape_gives_its_curve()
    {
        Assert.Equal(21.5, Make("constant 21.5").Read(T0.AddHours(1)));
        var ramp = Make("ramp 20 30 10s");
        Assert.Equal(20, ramp.Read(T0));
        Assert.Equal(25, ramp.Read(T0.AddSeconds(5)), 6);
        Assert.Equal(30, ramp.Read(T0.AddMinutes(5)));
        var sine = Make("sine 10 2 4s");
        Assert.Equal(12, sine.Read(T0.AddSeconds(1)), 6);
        var step = Make("step 1 5 3s");
        Assert.Equal(1, step.Read(T0.AddSeconds(2.9)));
        Assert.Equal(5, step.Read(T0.AddSeconds(3)));
    }

    [Fact]
    public void A_csv_of_readings_is_replayed_in_time_and_holds_its_last_value()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["seconds,celsius", "0,20.5", "# a gap in the log", "10,25", "20,31.25"]);
        var replay = Make("csv " + path);
        Assert.Equal(20.5, replay.Read(T0.AddSeconds(9)));
        Assert.Equal(25, replay.Read(T0.AddSeconds(10)));
        Assert.Equal(31.25, replay.Read(T0.AddHours(2)));
    }

    [Theory]
    [InlineData("ramp 20 30", "ramp")]
    [InlineData("sine 1 2 0s", "must be positive")]
    [InlineData("wobble 1", "wobble")]
    [InlineData("csv /no/such/file.csv", "cannot read")]
    public void A_bad_spec_says_what_is_wrong(string spec, string expected)
    {
        Assert.False(SimulatedSensor.TryParse("s", spec, "", T0, out _, out var why));
        Assert.Contains(expected, why);
    }

    [Fact]
    public void A_csv_with_a_bad_line_names_it()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["0,1", "5,x"]);
        Assert.False(SimulatedSensor.TryParse("s", "csv " + path, "", T0, out _, out var why));
        Assert.Contains("line 2", why);
    }

    [Fact]
    public void A_relay_counts_its_moves_and_refuses_other_words()
    {
        var relay = new SimulatedRelay("relay1", on: false);
        relay.Set("on");
        relay.Set("off");
        Assert.Equal(2, relay.Moves);
        Assert.Equal("off", relay.State);
        Assert.Throws<ArgumentException>(() => relay.Set("maybe"));
    }
}
