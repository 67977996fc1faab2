using System.Net;
using System;
using Gateway.App.Diagnostics;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Boot;

/// <summary>
/// The start-up check on the serial console: which address each server's name resolves to, then the
/// core's <see cref="StartupCheck"/> (clock, connect, TLS, AUTH, POP3 STAT or IMAP SELECT) with a hint for each
/// failure. It only reports; the loop runs either way and retries what failed.
/// </summary>
public static class SelfCheck
{
    /// <param name="commands">The connector for the command mail's server (POP3 or IMAP).</param>
    public static void Run(GatewayConfig config, IClock clock, IConnector smtp, IConnector commands, ILog log, string heloName)
    {
        Resolve(config.GetString("smtp.host"), log);
        if (config.IsSet("pop3.host")) Resolve(config.GetString("pop3.host"), log);
        if (config.IsSet("imap.host")) Resolve(config.GetString("imap.host"), log);
        StartupCheck.Run(config, clock, smtp, commands, log, heloName);
    }

    static void Resolve(string? host, ILog log)
    {
        if (host == null) return;
        try
        {
            var entry = Dns.GetHostEntry(host);
            log.Write(LogLevel.Info, "check dns " + host + ": " + entry.AddressList[0].ToString());
        }
        catch (Exception e)
        {
            // The connect check that follows fails too and gives the hint; this line names the resolver's error.
            log.Write(LogLevel.Error, "check dns " + host + ": " + e.Message);
        }
    }
}
