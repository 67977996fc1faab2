using Gateway.Core.Config;

namespace Gateway.Host.Boards;

/// <summary>
/// Checks a configuration's pins against a board: a sensor or relay on a pin the board reserves (PHY,
/// flash, PSRAM, strapping) is refused with the pin and the reason; so is a pin out of range, a relay on
/// an input-only pin, and an ADC sensor outside ADC1 (GPIO 32-39).
/// </summary>
public static class BoardCheck
{
    public static string[] Check(BoardProfile board, GatewayConfig config)
    {
        var problems = new List<string>();
        foreach (var name in config.GetNames("sensor"))
        {
            var prefix = $"sensor.{name}.";
            var kind = config.GetString(prefix + "kind");
            foreach (var key in new[] { prefix + "pin", prefix + "rx-pin" })
            {
                if (!config.IsSet(key)) continue;
                int pin = config.GetInt(key);
                CheckPin(board, key, pin, problems);
                if (kind == "adc" && key.EndsWith(".pin", StringComparison.Ordinal) && (pin < 32 || pin > 39))
                    problems.Add($"{key} = {pin}: an adc sensor needs an ADC1 pin (GPIO 32-39)");
            }
            if (kind != null && kind != "adc" && kind != "digital" && kind != "ds18b20")
                problems.Add($"{prefix}kind = {kind}: expected adc, digital or ds18b20");
            if (kind != null && !config.IsSet(prefix + "pin"))
                problems.Add($"{prefix}kind = {kind} needs {prefix}pin");
            if (kind == "ds18b20" && !config.IsSet(prefix + "rx-pin"))
                problems.Add($"{prefix}kind = ds18b20 needs {prefix}rx-pin (1-Wire runs on UART2: RX wired to TX)");
        }
        foreach (var name in config.GetNames("relay"))
        {
            var key = $"relay.{name}.pin";
            if (!config.IsSet(key)) continue;
            int pin = config.GetInt(key);
            CheckPin(board, key, pin, problems);
            if (board.IsInputOnly(pin))
                problems.Add($"{key} = {pin}: GPIO{pin} is input-only on the ESP32 and cannot drive a relay");
        }
        return problems.ToArray();
    }

    static void CheckPin(BoardProfile board, string key, int pin, List<string> problems)
    {
        if (pin < 0 || pin > BoardProfile.MaxPin)
        {
            problems.Add($"{key} = {pin}: the ESP32 has GPIO 0-{BoardProfile.MaxPin}");
            return;
        }
        var why = board.ReservedBecause(pin);
        if (why != null)
            problems.Add($"{key} = {pin}: {board.Name} reserves GPIO{pin}: {why}");
    }
}
