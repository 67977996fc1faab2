using System.Device.Gpio;
using System.Threading;
using System;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Firmware.Boot;
using Gateway.Firmware.Hardware;
using Gateway.Firmware.Net;
using Gateway.Firmware.Platform;

namespace Gateway.Firmware;

/// <summary>
/// The gateway on an ESP32 Ethernet board: configuration from flash, Ethernet and SNTP, a start-up
/// check, then the loop every platform runs (<see cref="RunLoop"/>: a failed cycle is logged and retried,
/// a `reboot` command restarts the board once its reply is delivered).
/// </summary>
public static class Program
{
    /// <summary>The pause before trying again to open the store on the flash.</summary>
    const int StartRetryMs = 30000;

    public static void Main()
    {
        var log = new SerialLog(LogLevel.Info);
        log.Write(LogLevel.Info, "gateway starting");
        GatewayConfig? config = ConfigLoader.Load(log);
        if (config == null)
        {
            // Without a configuration there is nothing to run; wait for a redeploy rather than reboot-loop.
            Thread.Sleep(Timeout.Infinite);
            return;
        }

        NetworkBringUp.Run(config, log);
        var clock = new DeviceClock();
        var smtp = new DeviceConnector(CaCertificates.Load(config.GetString("smtp.ca"), log), config.IsSet("smtp.pin") ? "smtp.pin" : null);
        // Command mail comes by IMAP or by POP3 (never both): that service's CA and pin.
        string mail = config.IsSet("imap.host") ? "imap" : "pop3";
        var pop3 = new DeviceConnector(CaCertificates.Load(config.GetString(mail + ".ca"), log), config.IsSet(mail + ".pin") ? mail + ".pin" : null);
        string heloName = config.GetString("smtp.helo") ?? config.GetString("device.id") ?? "gateway";
        SelfCheck.Run(config, clock, smtp, pop3, log, heloName);

        var gpio = new GpioController();
        var sensors = HardwareFactory.Sensors(config, gpio, log);
        var relays = HardwareFactory.Relays(config, gpio, log);
        GatewayApp? app = null;
        while (app == null)
        {
            try
            {
                app = new GatewayApp(config, smtp, pop3, new FlashStore("I:\\gw"), clock, log, sensors, relays,
                    new Random(), heloName);
            }
            catch (Exception e)
            {
                // The store on the flash could not be read (a damaged file system): say so and try again.
                log.Write(LogLevel.Error, "cannot start: " + e.Message);
                Thread.Sleep(StartRetryMs);
            }
        }
        log.Write(LogLevel.Info, "gateway running");
        new RunLoop(app, clock, log, new BoardLoopPlatform()).Run();
    }
}
