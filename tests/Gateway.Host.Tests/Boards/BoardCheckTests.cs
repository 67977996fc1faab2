using Gateway.Core.Config;
using Gateway.Host.Boards;

namespace Gateway.Host.Tests.Boards;

public class BoardCheckTests
{
    internal static readonly BoardCatalog Catalog = BoardCatalog.Load(FindBoards());

    const string Minimal =
        "device.id = boiler\nsmtp.host = mail.example.com\nsmtp.from = boiler@example.com\nalert.to = ops@example.com\n";

    static string FindBoards() => Path.Combine(Gateway.Core.Tests.Support.RepoPaths.Root, "boards");

    static GatewayConfig Config(string extra)
    {
        var result = GatewayConfig.Parse(Minimal + extra);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.ToString())));
        return result.Config!;
    }

    /// <summary>
    /// The core's schema takes sensor and relay pins 0-54 (firmware/Gateway.Core/Config/GatewaySchema.cs: the
    /// ESP32-P4's GPIO count); a pin above it is refused by the parse before any board check.
    /// </summary>
    const int SchemaMaxPin = 54;

    /// <summary>What refuses the wiring: the parse's errors when it does not parse, else the board check's problems.</summary>
    static string[] Refusals(BoardProfile board, string extra)
    {
        var result = GatewayConfig.Parse(Minimal + extra);
        return result.IsValid ? BoardCheck.Check(board, result.Config!) : result.Errors.Select(e => e.ToString()).ToArray();
    }

    static BoardProfile Board(string name) => Catalog.Find(name) ?? throw new InvalidOperationException(name);

    /// <summary>The reason each board must give, written here from the sources (not read from the profile).</summary>
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
        // ESP32_LILYGO_defconfig: PHY reset 5, RMII clock out 17; MDC/MDIO the Kconfig defaults; the T-Internet-POE's microSD slot.
        { "ESP32_LILYGO", 5, "PHY reset" },
        { "ESP32_LILYGO", 17, "RMII clock out" },
        { "ESP32_LILYGO", 23, "MDC" },
        { "ESP32_LILYGO", 18, "MDIO" },
        { "ESP32_LILYGO", 19, "RMII TXD0" },
        { "ESP32_LILYGO", 27, "RMII CRS_DV" },
        { "ESP32_LILYGO", 13, "microSD card CS" },
        { "ESP32_LILYGO", 14, "microSD" },
        { "ESP32_LILYGO", 2, "strapping: boot mode, must be low or floating to enter the bootloader; microSD card MISO" },
        { "ESP32_LILYGO", 15, "strapping: MTDO silences the boot log and sets SDIO timing; microSD card MOSI" },
        { "ESP32_LILYGO", 12, "strapping" },
        { "ESP32_LILYGO", 6, "SPI flash" },
        { "ESP32_LILYGO", 1, "UART0 TX" },
        // M5Core_defconfig: W5500 on SPI host 2, CS 5, INT 35, RST 0, MISO 19, MOSI 23, SCLK 18; the Core's screen, power chip, speaker, buttons.
        { "M5Core", 5, "SPI CS of the W5500" },
        { "M5Core", 35, "W5500 interrupt" },
        { "M5Core", 0, "strapping: boot mode (low at reset enters the serial bootloader); W5500 reset (RST)" },
        { "M5Core", 19, "SPI bus MISO" },
        { "M5Core", 23, "SPI bus MOSI" },
        { "M5Core", 18, "SPI bus SCLK" },
        { "M5Core", 14, "LCD chip select" },
        { "M5Core", 27, "LCD data/command" },
        { "M5Core", 33, "LCD reset" },
        { "M5Core", 32, "LCD backlight" },
        { "M5Core", 4, "SD card chip select" },
        { "M5Core", 21, "I2C SDA to the IP5306" },
        { "M5Core", 22, "I2C SCL to the IP5306" },
        { "M5Core", 25, "speaker" },
        { "M5Core", 37, "button C" },
        { "M5Core", 38, "button B" },
        { "M5Core", 39, "button A" },
        { "M5Core", 3, "UART0 RX" },
        { "M5Core", 12, "strapping" },
        { "M5Core", 11, "SPI flash" },
        // ESP32_P4_defconfig + NF_ESP32_Ethernet.cpp's P4 EMAC pins; the P4's USB, UART0 and strapping pins.
        { "ESP32_P4", 31, "MDC" },
        { "ESP32_P4", 52, "MDIO" },
        { "ESP32_P4", 51, "PHY reset" },
        { "ESP32_P4", 50, "RMII clock in" },
        { "ESP32_P4", 49, "RMII TX_EN" },
        { "ESP32_P4", 34, "strapping: sampled at reset (ESP32-P4 datasheet, \"Strapping Pins\"); RMII TXD0" },
        { "ESP32_P4", 35, "strapping: boot mode (low at reset enters the serial bootloader); RMII TXD1" },
        { "ESP32_P4", 28, "RMII CRS_DV" },
        { "ESP32_P4", 29, "RMII RXD0" },
        { "ESP32_P4", 30, "RMII RXD1" },
        { "ESP32_P4", 24, "USB Serial/JTAG" },
        { "ESP32_P4", 25, "USB Serial/JTAG" },
        { "ESP32_P4", 36, "strapping" },
        { "ESP32_P4", 37, "UART0 TX" },
        { "ESP32_P4", 38, "UART0 RX" },
        { "ESP32_P4_REV_LESS3", 31, "MDC" },
        { "ESP32_P4_REV_LESS3", 52, "MDIO" },
        { "ESP32_P4_REV_LESS3", 51, "PHY reset" },
        { "ESP32_P4_REV_LESS3", 50, "RMII clock in" },
        { "ESP32_P4_REV_LESS3", 49, "RMII TX_EN" },
        { "ESP32_P4_REV_LESS3", 34, "strapping: sampled at reset (ESP32-P4 datasheet, \"Strapping Pins\"); RMII TXD0" },
        { "ESP32_P4_REV_LESS3", 35, "strapping: boot mode (low at reset enters the serial bootloader); RMII TXD1" },
        { "ESP32_P4_REV_LESS3", 28, "RMII CRS_DV" },
        { "ESP32_P4_REV_LESS3", 29, "RMII RXD0" },
        { "ESP32_P4_REV_LESS3", 30, "RMII RXD1" },
        { "ESP32_P4_REV_LESS3", 24, "USB Serial/JTAG" },
        { "ESP32_P4_REV_LESS3", 25, "USB Serial/JTAG" },
        { "ESP32_P4_REV_LESS3", 36, "strapping" },
        { "ESP32_P4_REV_LESS3", 37, "UART0 TX" },
        { "ESP32_P4_REV_LESS3", 38, "UART0 RX" },
    };

    /// <summary>Every (board, pin) a profile reserves, so no reservation goes untested.</summary>
    public static TheoryData<string, int> EveryReservedPin()
    {
        var data = new TheoryData<string, int>();
        foreach (var board in Catalog.Boards)
            foreach (var pin in board.Reserved.Keys.Order())
                data.Add(board.Name, pin);
        return data;
    }

    public static TheoryData<string> EveryBoard()
    {
        var data = new TheoryData<string>();
        foreach (var board in Catalog.Boards) data.Add(board.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReservedPins))]
    public void Relay_on_a_reserved_pin_is_refused_with_the_reason(string board, int pin, string reason)
    {
        var problem = Assert.Single(Refusals(Board(board), $"relay.pump.pin = {pin}\n"));
        if (pin > SchemaMaxPin)
        {
            Assert.Contains($"relay.pump.pin: \"{pin}\" is out of range (0-{SchemaMaxPin})", problem);
            return;
        }
        Assert.Contains($"relay.pump.pin = {pin}", problem);
        Assert.Contains($"GPIO{pin}", problem);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [MemberData(nameof(ReservedPins))]
    public void Sensor_on_a_reserved_pin_is_refused_with_the_reason(string board, int pin, string reason)
    {
        var problem = Assert.Single(Refusals(Board(board), $"sensor.door.kind = digital\nsensor.door.pin = {pin}\n"));
        if (pin > SchemaMaxPin)
        {
            Assert.Contains($"sensor.door.pin: \"{pin}\" is out of range (0-{SchemaMaxPin})", problem);
            return;
        }
        Assert.Contains($"sensor.door.pin = {pin}", problem);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [MemberData(nameof(EveryReservedPin))]
    public void Every_reserved_pin_of_every_board_is_refused_for_a_relay_and_a_sensor(string name, int pin)
    {
        var board = Board(name);
        var relay = Assert.Single(Refusals(board, $"relay.pump.pin = {pin}\n"));
        var sensor = Assert.Single(Refusals(board, $"sensor.door.kind = digital\nsensor.door.pin = {pin}\n"));
        if (pin > SchemaMaxPin)
        {
            Assert.Contains("out of range", relay);
            Assert.Contains("out of range", sensor);
            return;
        }
        Assert.Equal($"relay.pump.pin = {pin}: {name} reserves GPIO{pin}: {board.ReservedBecause(pin)}", relay);
        Assert.StartsWith($"sensor.door.pin = {pin}: {name} reserves GPIO{pin}: ", sensor);
    }

    [Theory]
    [InlineData("ESP32_OLIMEX")]
    [InlineData("ESP32_OLIMEX_WROVER")]
    [InlineData("ESP32_ETHERNET_KIT_1.2")]
    [InlineData("ESP32_WT32_ETH01")]
    [InlineData("ESP32_WESP32")]
    [InlineData("ESP32_LILYGO")]
    public void Every_esp32_rmii_board_refuses_the_rmii_data_pins_and_the_strapping_pins(string name)
    {
        var board = Board(name);
        foreach (var pin in new[] { 19, 21, 22, 25, 26, 27, 0, 2, 12, 15 })
            Assert.NotNull(board.ReservedBecause(pin));
    }

    [Theory]
    [MemberData(nameof(EveryBoard))]
    public void Every_pin_the_ethernet_wiring_names_is_reserved(string name)
    {
        var board = Board(name);
        foreach (var key in new[] { "mdc", "mdio", "phy-power", "rmii-clock", "spi-cs", "spi-int", "spi-reset", "spi-miso", "spi-mosi", "spi-sclk" })
        {
            var value = board.Get(key);
            if (value == null || value == "none") continue;
            int pin = int.Parse(value.Split(' ')[^1]);
            Assert.True(board.ReservedBecause(pin) != null, $"{name}: {key} = {value} but GPIO{pin} is not reserved");
        }
    }

    [Fact]
    public void The_p4_revision_below_3_has_the_same_pins_as_the_p4()
    {
        var p4 = Board("ESP32_P4");
        var older = Board("ESP32_P4_REV_LESS3");
        Assert.Equal(p4.Reserved.OrderBy(r => r.Key), older.Reserved.OrderBy(r => r.Key));
        Assert.Equal("ESP32_P4_REV_LESS3", older.Get("nanoff-target"));
        Assert.Equal(p4.Get("free"), older.Get("free"));
    }

    [Theory]
    [MemberData(nameof(EveryBoard))]
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
        // nf-interpreter targets/ESP32/defconfig: every target with CONFIG_ESP32_ETHERNET_SUPPORT=y.
        Assert.Equal(
            ["ESP32_ETHERNET_KIT_1.2", "ESP32_LILYGO", "ESP32_OLIMEX", "ESP32_OLIMEX_WROVER", "ESP32_P4", "ESP32_P4_REV_LESS3", "ESP32_WESP32", "ESP32_WT32_ETH01", "M5Core"],
            Catalog.Boards.Select(b => b.Name).Order(StringComparer.Ordinal));
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

    [Fact]
    public void Pin_beyond_a_chips_gpio_range_is_refused_with_that_chips_range()
    {
        var small = BoardProfile.Parse("name = SMALL\nchip = ESP32-C3\ngpio = 0-21\n", "small.board");
        var problem = Assert.Single(BoardCheck.Check(small, Config("relay.pump.pin = 30\n")));
        Assert.Equal("relay.pump.pin = 30: the ESP32-C3 has GPIO 0-21", problem);
        Assert.True(Board("ESP32_P4").HasGpio(54));
        Assert.False(Board("ESP32_P4").HasGpio(55));
        Assert.Empty(BoardCheck.Check(Board("ESP32_P4"), Config("relay.pump.pin = 46\n")));
    }

    [Fact]
    public void Input_only_pins_are_the_chips_own()
    {
        // GPIO 39 has no output driver on the ESP32; every ESP32-P4 GPIO has one.
        Assert.Contains("input-only on the ESP32", Assert.Single(BoardCheck.Check(Board("ESP32_LILYGO"), Config("relay.pump.pin = 39\n"))));
        Assert.Empty(BoardCheck.Check(Board("ESP32_P4"), Config("relay.pump.pin = 39\n")));
    }

    [Fact]
    public void Adc_pins_are_the_chips_own()
    {
        var p4 = Board("ESP32_P4");
        Assert.Empty(BoardCheck.Check(p4, Config("sensor.tank.kind = adc\nsensor.tank.pin = 20\n")));
        var problem = Assert.Single(BoardCheck.Check(p4, Config("sensor.tank.kind = adc\nsensor.tank.pin = 36\n")));
        Assert.StartsWith("sensor.tank.pin = 36: ESP32_P4 reserves GPIO36: strapping", problem); // a strapping pin on the P4, refused before the ADC question
        problem = Assert.Single(BoardCheck.Check(p4, Config("sensor.tank.kind = adc\nsensor.tank.pin = 46\n")));
        Assert.Equal("sensor.tank.pin = 46: an adc sensor needs an ADC1 pin (GPIO 16-23)", problem);
    }

    [Fact]
    public void Ds18b20_is_refused_on_the_p4_whose_image_has_no_one_wire()
    {
        var problem = Assert.Single(BoardCheck.Check(Board("ESP32_P4"),
            Config("sensor.water.kind = ds18b20\nsensor.water.pin = 46\nsensor.water.rx-pin = 47\n")));
        Assert.Equal("sensor.water.kind = ds18b20: ESP32_P4's nanoFramework image cannot drive it (it offers adc, digital)", problem);
        Assert.Empty(BoardCheck.Check(Board("M5Core"), Config("sensor.water.kind = ds18b20\nsensor.water.pin = 16\nsensor.water.rx-pin = 17\n")));
    }

    [Fact]
    public void A_profile_takes_its_chip_from_the_file_it_is_based_on()
    {
        var board = BoardProfile.Parse("name = X\nbased-on = chip\nreserve.3 = console too\n", "x.board",
            name => name == "chip" ? "chip = C\ngpio = 0-9\nreserve.3 = console\ninput-only = 8-9\n" : null);
        Assert.Equal("C", board.Chip);
        Assert.Equal("console; console too", board.ReservedBecause(3));
        Assert.True(board.IsInputOnly(9));
        Assert.False(board.HasGpio(10));
    }

    [Fact]
    public void A_missing_base_file_names_the_line()
    {
        var e = Assert.Throws<FormatException>(() => BoardProfile.Parse("name = X\nbased-on = NOPE.chip\n", "x.board", _ => null));
        Assert.Equal("x.board:2: based-on NOPE.chip: no such file", e.Message);
    }

    [Fact]
    public void A_reserved_pin_outside_the_chip_names_the_line()
    {
        var e = Assert.Throws<FormatException>(() => BoardProfile.Parse("name = X\ngpio = 0-39\nreserve.45 = PHY\n", "x.board"));
        Assert.Equal("x.board:3: GPIO45 is outside the chip's GPIO 0-39", e.Message);
    }

    [Fact]
    public void A_profile_without_a_gpio_range_is_refused()
    {
        var e = Assert.Throws<FormatException>(() => BoardProfile.Parse("name = X\nreserve.5 = PHY\n", "x.board"));
        Assert.StartsWith("x.board: no gpio = line", e.Message);
    }

    [Fact]
    public void A_base_file_outside_the_boards_folder_is_not_read()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-boards-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "X.board"), "name = X\nbased-on = ../ESP32.chip\n");
            var e = Assert.Throws<FormatException>(() => BoardCatalog.Load(folder.FullName));
            Assert.Contains("based-on ../ESP32.chip: no such file", e.Message);
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
