using System;
using System.Threading;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using nanoFramework.Networking;

namespace Gateway.Firmware.Boot;

/// <summary>
/// Ethernet up with an address and a set clock: DHCP, or net.ip/net.mask/net.gateway/net.dns.
/// requiresDateTime makes NetworkHelper wait for SNTP, which TLS certificate checks and command
/// timestamps need. Retried with a growing pause, never given up: a gateway without network has
/// nothing else to do.
/// </summary>
public static class NetworkBringUp
{
    const int AttemptMs = 60000;
    const int MaxPauseMs = 300000;

    public static void Run(GatewayConfig config, ILog log)
    {
        IPConfiguration? ip = null;
        if (config.IsSet("net.ip"))
        {
            string[]? dns = config.IsSet("net.dns") ? config.GetString("net.dns")!.Split(',') : null;
            ip = new IPConfiguration(config.GetString("net.ip")!, config.GetString("net.mask") ?? "255.255.255.0",
                config.GetString("net.gateway") ?? "", dns);
            log.Write(LogLevel.Info, "network: static " + ip.IPAddress);
        }
        else
        {
            log.Write(LogLevel.Info, "network: DHCP");
        }
        int pauseMs = 5000;
        while (true)
        {
            var cts = new CancellationTokenSource(AttemptMs);
            bool up = ip != null
                ? NetworkHelper.SetupAndConnectNetwork(ip, cts.Token, true)
                : NetworkHelper.SetupAndConnectNetwork(cts.Token, true);
            if (up)
            {
                log.Write(LogLevel.Info, "network ready, clock " + Gateway.Core.Text.IsoTime.Format(DateTime.UtcNow));
                return;
            }
            string why = NetworkHelper.HelperException != null ? ": " + NetworkHelper.HelperException.Message : "";
            log.Write(LogLevel.Warning, "network not ready (" + StatusName(NetworkHelper.Status) + why + "), retrying in " + (pauseMs / 1000).ToString() + " s");
            Thread.Sleep(pauseMs);
            pauseMs = pauseMs * 2 > MaxPauseMs ? MaxPauseMs : pauseMs * 2;
        }
    }

    static string StatusName(NetworkHelperStatus status) => status switch
    {
        NetworkHelperStatus.FailedNoNetworkInterface => "no network interface",
        NetworkHelperStatus.TokenExpiredWaitingIPAddress => "no IP address",
        NetworkHelperStatus.TokenExpiredWaitingDateTime => "no time from SNTP",
        NetworkHelperStatus.ExceptionOccurred => "exception",
        _ => "status " + ((int)status).ToString(),
    };
}
