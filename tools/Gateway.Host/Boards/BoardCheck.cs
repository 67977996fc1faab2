using Gateway.Core.Config;

namespace Gateway.Host.Boards;

/// <summary>
/// Checks a configuration's sensors and relays against a board, every fact from its profile: a pin the
/// board reserves (Ethernet, SPI module, flash, PSRAM, console, strapping) is refused with the pin and the
/// reason; so is a pin the chip does not have, a relay on an input-only pin, an adc sensor off the ADC
/// pins, and a sensor kind the board's nanoFramework image cannot drive.
/// </summary>
public static class BoardCheck
{
    public static string[] Check(BoardProfile board, GatewayConfig config)
    {
        var problems = new List<string>();
        foreach (var name in config.GetNames("sensor"))
            CheckSensor(board, config, $"sensor.{name}.", problems);
        foreach (var name in config.GetNames("relay"))
        {
            var key = $"relay.{name}.pin";
            if (!config.IsSet(key)) continue;
            int pin = config.GetInt(key);
            if (!CheckPin(board, key, pin, problems)) continue;
            if (board.IsInputOnly(pin))
                problems.Add($"{key} = {pin}: GPIO{pin} is input-only on the {board.Chip} and cannot drive a relay");
        }
        return problems.ToArray();
    }

    static void CheckSensor(BoardProfile board, GatewayConfig config, string prefix, List<string> problems)
    {
        var kind = config.GetString(prefix + "kind");
        foreach (var key in new[] { prefix + "pin", prefix + "rx-pin" })
        {
            if (!config.IsSet(key)) continue;
            int pin = config.GetInt(key);
            if (!CheckPin(board, key, pin, problems)) continue;
            if (kind == "adc" && key.EndsWith(".pin", StringComparison.Ordinal) && !board.IsAdcPin(pin))
                problems.Add($"{key} = {pin}: an adc sensor needs an {board.Get("adc-unit") ?? "ADC"} pin (GPIO {board.Get("adc-pins")})");
        }
        if (kind != null && kind != "adc" && kind != "digital" && kind != "ds18b20")
            problems.Add($"{prefix}kind = {kind}: expected adc, digital or ds18b20");
        else if (kind != null && !board.SensorKinds.Contains(kind))
            problems.Add($"{prefix}kind = {kind}: {board.Name}'s nanoFramework image cannot drive it (it offers {string.Join(", ", board.SensorKinds)})");
        if (kind != null && !config.IsSet(prefix + "pin"))
            problems.Add($"{prefix}kind = {kind} needs {prefix}pin");
        if (kind == "ds18b20" && !config.IsSet(prefix + "rx-pin"))
            problems.Add($"{prefix}kind = ds18b20 needs {prefix}rx-pin (1-Wire runs on UART2: RX wired to TX)");
    }

    /// <summary>False when the pin cannot be used at all (no such GPIO, or reserved), after saying why.</summary>
    static bool CheckPin(BoardProfile board, string key, int pin, List<string> problems)
    {
        if (!board.HasGpio(pin))
        {
            problems.Add($"{key} = {pin}: the {board.Chip} has GPIO {board.Gpio}");
            return false;
        }
        var why = board.ReservedBecause(pin);
        if (why == null) return true;
        problems.Add($"{key} = {pin}: {board.Name} reserves GPIO{pin}: {why}");
        return false;
    }
}
