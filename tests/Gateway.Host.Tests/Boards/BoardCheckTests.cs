using Gateway.Core.Config;
using Gateway.Host.Boards;

namespace Gateway.Host.Tests.Boards;

public class BoardCheckTests
{
    static readonly BoardCatalog Catalog = BoardCatalog.Load(FindBoards());

    const string Minimal =
        "device.id = boiler\nsmtp.host = mail.example.com\nsmtp.from = boiler@example.com\nalert.to = ops@example.com\n";

    static string FindBoards()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return Path.Combine(dir.FullName, "boards");
        throw new DirectoryNotFoundException("boards/");
    }

    static GatewayConfig Config(string extra)
    {
        var result = GatewayConfig.Parse(Minimal + extra);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.ToString())));
        return result.Config!;
    }

    static BoardProfile Board(string name) => Catalog.Find(name) ?? throw new InvalidOperationException(name);

    public static TheoryData<string, int, string> ReservedPins => new()
    {
        { "ESP32_OLIMEX", 17, "RMII clock out" },
        { "ESP32_OLIMEX", 12, "PHY power" },
        { "ESP32_OLIMEX", 21, "RMII TX_EN" },
        { "ESP32_OLIMEX", 2, "strapping" },
        { "ESP32_OLIMEX_WROVER", 0, "RMII clock out" },
        { "ESP32_OLIMEX_WROVER", 16, "PSRAM" },
        { "ESP32_OLIMEX_WROVER", 23, "MDC" },
        { "ESP32_ETHERNET_KIT_1.2", 5, "PHY reset" },
        { "ESP32_ETHERNET_KIT_1.2", 0, "RMII clock in" },
        { "ESP32_ETHERNET_KIT_1.2", 17, "PSRAM" },
        { "ESP32_WT32_ETH01", 16, "PHY oscillator" },
        { "ESP32_WT32_ETH01", 18, "MDIO" },
        { "ESP32_WT32_ETH01", 15, "strapping" },
        { "ESP32_WESP32", 16, "MDC" },
        { "ESP32_WESP32", 17, "MDIO" },
        { "ESP32_WESP32", 26, "RMII RXD1" },
    };

    [Theory]
    [MemberData(nameof(ReservedPins))]
    public void Relay_on_a_reserved_pin_is_refused_with_the_reason(string board, int pin, string reason)
    {
        var problems = BoardCheck.Check(Board(board), Config($"relay.pump.pin = {pin}\n"));
        var problem = Assert.Single(problems);
        Assert.Contains($"relay.pump.pin = {pin}", problem);
        Assert.Contains($"GPIO{pin}", problem);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [MemberData(nameof(ReservedPins))]
    public void Sensor_on_a_reserved_pin_is_refused_with_the_reason(string board, int pin, string reason)
    {
        var problems = BoardCheck.Check(Board(board), Config($"sensor.door.kind = digital\nsensor.door.pin = {pin}\n"));
        var problem = Assert.Single(problems);
        Assert.Contains($"sensor.door.pin = {pin}", problem);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [InlineData("ESP32_OLIMEX")]
    [InlineData("ESP32_OLIMEX_WROVER")]
    [InlineData("ESP32_ETHERNET_KIT_1.2")]
    [InlineData("ESP32_WT32_ETH01")]
    [InlineData("ESP32_WESP32")]
    public void Every_board_refuses_the_rmii_data_pins_and_the_strapping_pins(string name)
    {
        var board = Board(name);
        foreach (var pin in new[] { 19, 21, 22, 25, 26, 27, 0, 2, 12, 15 })
            Assert.NotNull(board.ReservedBecause(pin));
    }

    [Theory]
    [InlineData("ESP32_OLIMEX")]
    [InlineData("ESP32_OLIMEX_WROVER")]
    [InlineData("ESP32_ETHERNET_KIT_1.2")]
    [InlineData("ESP32_WT32_ETH01")]
    [InlineData("ESP32_WESP32")]
    public void The_boards_default_wiring_passes(string name)
    {
        var board = Board(name);
        var relay = board.Get("default.relay")!;
        var sensor = board.Get("default.sensor")!.Split(' ');
        var problems = BoardCheck.Check(board, Config(
            $"sensor.tank.kind = {sensor[0]}\nsensor.tank.pin = {sensor[1]}\nrelay.pump.pin = {relay}\nrelay.pump.active-low = true\n"));
        Assert.Empty(problems);
    }

    [Fact]
    public void Free_pins_listed_by_a_board_are_not_reserved()
    {
        foreach (var board in Catalog.Boards)
            foreach (var p in board.Get("free")!.Split(','))
                Assert.Null(board.ReservedBecause(int.Parse(p.Trim())));
    }

    [Fact]
    public void Unknown_board_is_not_found()
    {
        Assert.Null(Catalog.Find("ESP32_NO_SUCH_BOARD"));
        Assert.Equal(5, Catalog.Boards.Count);
    }

    [Fact]
    public void Pin_beyond_the_esp32s_gpio_range_is_refused()
    {
        var problem = Assert.Single(BoardCheck.Check(Board("ESP32_OLIMEX"), Config("relay.pump.pin = 40\n")));
        Assert.Equal("relay.pump.pin = 40: the ESP32 has GPIO 0-39", problem);
    }

    [Fact]
    public void Relay_on_an_input_only_pin_is_refused()
    {
        var problem = Assert.Single(BoardCheck.Check(Board("ESP32_OLIMEX"), Config("relay.pump.pin = 36\n")));
        Assert.Contains("input-only", problem);
    }

    [Fact]
    public void Adc_sensor_outside_adc1_is_refused()
    {
        var problem = Assert.Single(BoardCheck.Check(Board("ESP32_OLIMEX"), Config("sensor.tank.kind = adc\nsensor.tank.pin = 4\n")));
        Assert.Contains("ADC1", problem);
    }

    [Fact]
    public void Profile_line_without_equals_names_the_line()
    {
        var e = Assert.Throws<FormatException>(() => BoardProfile.Parse("name = X\nreserve.5\n", "x.board"));
        Assert.Equal("x.board:2: expected key = value", e.Message);
    }
}
