using System.IO;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Firmware.Boot;

/// <summary>
/// Reads I:\gateway.conf, put there by nanoff's file deployment (`gateway board provision`), and says on
/// the console which configuration and which CA files it found, or what is missing. The compiled-in
/// <see cref="Provisioning.ConfigText"/> is only the fallback: it is written to the file when there is none,
/// or replaces a file it wrote itself (I:\gateway.ver present) when <see cref="Provisioning.ConfigVersion"/>
/// is higher. A deployment deletes I:\gateway.ver, so a deployed file is never overwritten.
/// </summary>
public static class ConfigLoader
{
    public const string ConfigPath = "I:\\gateway.conf";

    /// <summary>The <see cref="Provisioning.ConfigVersion"/> the file was written from, as decimal text; absent for a deployed file.</summary>
    public const string VersionPath = "I:\\gateway.ver";

    const string BoardDrive = "I:\\";

    /// <summary>The configuration, or null after logging each error with its line (never a secret's value).</summary>
    public static GatewayConfig? Load(ILog log)
    {
        if (!WriteFallbackWhenDue(log)) return null;
        var data = File.ReadAllBytes(ConfigPath);
        var result = GatewayConfig.Parse(data, 0, data.Length);
        if (!result.IsValid)
        {
            for (int i = 0; i < result.Errors.Length; i++)
                log.Write(LogLevel.Error, ConfigPath + ": " + result.Errors[i].ToString());
            return null;
        }
        if (result.Config!.Role != ConfigRole.Device)
        {
            log.Write(LogLevel.Error, ConfigPath + ": an operator's configuration (role = operator), not a device's: deploy the device's file");
            return null;
        }
        string origin = File.Exists(VersionPath) ? "from Provisioning.ConfigText" : "deployed";
        log.Write(LogLevel.Info, "configuration " + ConfigPath + " (" + origin + ", " + Ascii.FromInt(data.Length) + " bytes)");
        ReportCa(result.Config!, "smtp.ca", log);
        ReportCa(result.Config!, "pop3.ca", log);
        return result.Config;
    }

    /// <summary>False when there is neither a file nor a compiled-in configuration (said on the console).</summary>
    static bool WriteFallbackWhenDue(ILog log)
    {
        bool exists = File.Exists(ConfigPath);
        bool writtenByFallback = File.Exists(VersionPath);
        if (exists && !(writtenByFallback && Provisioning.ConfigText.Length > 0 && WrittenVersion() < Provisioning.ConfigVersion))
            return true;
        if (Provisioning.ConfigText.Length == 0)
        {
            log.Write(LogLevel.Error, "no " + ConfigPath + ": deploy one with `gateway board provision BOARD CONFIG` and nanoff --filedeployment (firmware README, step 2)");
            return false;
        }
        if (exists) File.Delete(ConfigPath);
        File.WriteAllBytes(ConfigPath, Utf8.GetBytes(Provisioning.ConfigText));
        File.WriteAllBytes(VersionPath, Utf8.GetBytes(Ascii.FromInt(Provisioning.ConfigVersion)));
        log.Write(LogLevel.Info, "wrote " + ConfigPath + " from Provisioning.ConfigText (the fallback), version " + Ascii.FromInt(Provisioning.ConfigVersion));
        return true;
    }

    /// <summary>Names the CA file a key points at on the flash, and says when it is not there (the TLS check would fail later, less clearly).</summary>
    static void ReportCa(GatewayConfig config, string key, ILog log)
    {
        var path = config.GetString(key);
        if (path == null || !Ascii.StartsWithIgnoreCase(path, BoardDrive)) return;
        if (File.Exists(path))
            log.Write(LogLevel.Info, key + " " + path + " (" + Ascii.FromInt(File.ReadAllBytes(path).Length) + " bytes)");
        else
            log.Write(LogLevel.Error, key + " " + path + " is missing: deploy it with `gateway board provision BOARD CONFIG --ca CA.pem`");
    }

    static int WrittenVersion()
    {
        var text = File.ReadAllBytes(VersionPath);
        return Ascii.TryParseInt(text, 0, text.Length, out int version) ? version : 0;
    }
}
