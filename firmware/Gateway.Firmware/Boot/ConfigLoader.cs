using System.IO;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Firmware.Boot;

/// <summary>Reads I:\gateway.conf (written from <see cref="Provisioning.ConfigText"/> when missing or older) and parses it.</summary>
public static class ConfigLoader
{
    public const string ConfigPath = "I:\\gateway.conf";

    /// <summary>The <see cref="Provisioning.ConfigVersion"/> the file was written from, as decimal text.</summary>
    public const string VersionPath = "I:\\gateway.ver";

    /// <summary>The configuration, or null after logging each error with its line (never a secret's value).</summary>
    public static GatewayConfig? Load(ILog log)
    {
        if (!File.Exists(ConfigPath) || (Provisioning.ConfigText.Length > 0 && WrittenVersion() < Provisioning.ConfigVersion))
        {
            if (Provisioning.ConfigText.Length == 0)
            {
                log.Write(LogLevel.Error, "no " + ConfigPath + " and no Provisioning.ConfigText: nothing to run");
                return null;
            }
            if (File.Exists(ConfigPath)) File.Delete(ConfigPath);
            File.WriteAllBytes(ConfigPath, Utf8.GetBytes(Provisioning.ConfigText));
            File.WriteAllBytes(VersionPath, Utf8.GetBytes(Ascii.FromInt(Provisioning.ConfigVersion)));
            log.Write(LogLevel.Info, "wrote " + ConfigPath + " from the provisioned configuration, version " + Ascii.FromInt(Provisioning.ConfigVersion));
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

    static int WrittenVersion()
    {
        if (!File.Exists(VersionPath)) return 0;
        var text = File.ReadAllBytes(VersionPath);
        return Ascii.TryParseInt(text, 0, text.Length, out int version) ? version : 0;
    }
}
