using System.IO;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Firmware.Boot;

/// <summary>Reads I:\gateway.conf (written from <see cref="Provisioning.ConfigText"/> on first boot) and parses it.</summary>
public static class ConfigLoader
{
    public const string ConfigPath = "I:\\gateway.conf";

    /// <summary>The configuration, or null after logging each error with its line (never a secret's value).</summary>
    public static GatewayConfig? Load(ILog log)
    {
        if (!File.Exists(ConfigPath))
        {
            if (Provisioning.ConfigText.Length == 0)
            {
                log.Write(LogLevel.Error, "no " + ConfigPath + " and no Provisioning.ConfigText: nothing to run");
                return null;
            }
            File.WriteAllBytes(ConfigPath, Utf8.GetBytes(Provisioning.ConfigText));
            log.Write(LogLevel.Info, "wrote " + ConfigPath + " from the provisioned configuration");
        }
        var data = File.ReadAllBytes(ConfigPath);
        var result = GatewayConfig.Parse(data, 0, data.Length);
        if (!result.IsValid)
        {
            for (int i = 0; i < result.Errors.Length; i++)
                log.Write(LogLevel.Error, ConfigPath + ": " + result.Errors[i].ToString());
            return null;
        }
        return result.Config;
    }
}
