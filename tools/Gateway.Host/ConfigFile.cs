using System.Collections;
using Gateway.App.Alerts;
using Gateway.Core.Config;

namespace Gateway.Host;

/// <summary>Loads a configuration file for a command, or explains in one block why it cannot.</summary>
public static class ConfigFile
{
    /// <summary>
    /// The parsed configuration, or null after writing the problems to <paramref name="error"/>. With
    /// <paramref name="role"/>, a file of the other role is refused (a device's file given to `gateway
    /// command`, an operator's to `gateway run`); null takes either (check-config, doctor).
    /// </summary>
    public static GatewayConfig? Load(string path, TextWriter error, ConfigRole? role = ConfigRole.Device)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: cannot read the configuration: {e.Message}");
            return null;
        }
        var result = GatewayConfig.Parse(data, 0, data.Length);
        if (!result.IsValid)
        {
            foreach (var e in result.Errors)
                error.WriteLine($"{path}: {e}");
            error.WriteLine($"{path}: {result.Errors.Length} error(s)");
            return null;
        }
        if (role != null && result.Config!.Role != role)
        {
            error.WriteLine(role == ConfigRole.Operator
                ? $"{path}: a device's configuration; this command reads an operator's (role = operator: device.id, command.key, command.to and the operator's own smtp.*, as in config/operator-mailrig.conf)"
                : $"{path}: an operator's configuration (role = operator); this command reads a device's");
            return null;
        }
        var semantic = Check(result.Config!);
        if (semantic.Length > 0)
        {
            foreach (var s in semantic)
                error.WriteLine($"{path}: {s}");
            error.WriteLine($"{path}: {semantic.Length} error(s)");
            return null;
        }
        return result.Config;
    }

    /// <summary>Checks across keys that the schema cannot express (rules and their sensors).</summary>
    public static string[] Check(GatewayConfig config)
    {
        var errors = new ArrayList();
        AlertRules.FromConfig(config, errors);
        foreach (var name in config.GetNames("sensor"))
        {
            var spec = config.GetString($"sensor.{name}.sim");
            if (spec != null && !Sensors.SimulatedSensor.TryParse(name, spec, config.GetString($"sensor.{name}.unit") ?? "", out _, out var why))
                errors.Add($"sensor.{name}.sim: {why}");
        }
        foreach (var name in config.GetNames("relay"))
        {
            var sim = config.GetString($"relay.{name}.sim");
            if (sim != null && !sim.Trim().Equals("on", StringComparison.OrdinalIgnoreCase) && !sim.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
                errors.Add($"relay.{name}.sim: \"{sim}\" is not on or off");
        }
        foreach (var key in new[] { "smtp.pin", "pop3.pin" })
        {
            var pin = config.GetString(key);
            if (pin != null && !Net.TlsTrust.IsValidPin(pin))
                errors.Add($"{key}: \"{pin}\" is not a base64 SHA-256 of a public key (44 characters; `gateway doctor` prints it after \"pin: sha256/\")");
        }
        return errors.Cast<string>().ToArray();
    }
}
