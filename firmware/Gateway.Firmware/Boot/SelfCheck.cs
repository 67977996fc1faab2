using System;
using System.Net;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Boot;

/// <summary>
/// The start-up check on the serial console: clock, DNS, connect and TLS to the SMTP (and POP3) server.
/// It only reports; the loop runs either way and retries what failed.
/// </summary>
public static class SelfCheck
{
    public static void Run(GatewayConfig config, IClock clock, IConnector smtp, IConnector pop3, ILog log)
    {
        var now = clock.UtcNow;
        log.Write(now.Year >= 2024 ? LogLevel.Info : LogLevel.Error, "check clock: " + Gateway.Core.Text.IsoTime.Format(now));
        Probe("smtp", config, smtp, log);
        if (config.IsSet("pop3.host")) Probe("pop3", config, pop3, log);
    }

    static void Probe(string service, GatewayConfig config, IConnector connector, ILog log)
    {
        string host = config.GetString(service + ".host")!;
        try
        {
            var entry = Dns.GetHostEntry(host);
            log.Write(LogLevel.Info, "check dns " + host + ": " + entry.AddressList[0].ToString());
        }
        catch (Exception e)
        {
            log.Write(LogLevel.Error, "check dns " + host + ": " + e.Message);
            return;
        }
        IChannel? channel = null;
        try
        {
            var tls = config.GetTlsMode(service + ".tls");
            channel = connector.Connect(host, config.GetInt(service + ".port"), tls, config.GetDurationMs(service + ".timeout"));
            log.Write(LogLevel.Info, "check connect " + service + ": ok" + (channel.IsEncrypted ? ", TLS ok" : ", TLS comes with STARTTLS"));
        }
        catch (ChannelException e)
        {
            log.Write(LogLevel.Error, "check connect " + service + ": " + e.Message);
        }
        finally
        {
            // One TLS session at a time: close before the next check or the first cycle.
            if (channel != null) channel.Close();
        }
    }
}
