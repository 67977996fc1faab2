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
using nanoFramework.Runtime.Native;

namespace Gateway.Firmware;

/// <summary>
/// The gateway on an ESP32 Ethernet board: configuration from flash, Ethernet and SNTP, a start-up
/// check, then GatewayApp's loop. Nothing here ends the program: a failed cycle is logged and retried,
/// and a `reboot` command restarts the board once its reply is delivered.
/// </summary>
public static class Program
{
    const int MinSleepMs = 200;
    const int MaxSleepMs = 60000;

    /// <summary>A `reboot` waits for its reply to be delivered, but not longer than this when the server is down.</summary>
    const int RebootGraceMs = 10 * 60000;

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
                Thread.Sleep(MaxSleepMs / 2);
            }
        }
        log.Write(LogLevel.Info, "gateway running");

        DateTime rebootBy = DateTime.MaxValue;
        while (true)
        {
            try
            {
                app.Tick();
                if (app.RebootRequested && rebootBy == DateTime.MaxValue)
                    rebootBy = clock.UtcNow.AddTicks(RebootGraceMs * TimeSpan.TicksPerMillisecond);
                if (app.RebootRequested && (app.Outbox.Count == 0 || clock.UtcNow >= rebootBy))
                {
                    log.Write(LogLevel.Warning, "rebooting on command");
                    Power.RebootDevice();
                }
                int sleepMs = SleepMs(app.NextWakeUtc, clock.UtcNow);
                // With IMAP IDLE the wait is the server's (DeviceChannel.WaitForData): a command mail ends it at once.
                if (!app.WaitForCommands(clock.UtcNow.AddTicks(sleepMs * TimeSpan.TicksPerMillisecond)))
                    Thread.Sleep(sleepMs);
            }
            catch (Exception e)
            {
                // Tick never throws for the network or a server; anything else (flash full, a driver) is
                // logged and the cycle retried after a pause, never a dead device.
                log.Write(LogLevel.Error, "cycle failed: " + e.Message);
                Thread.Sleep(MaxSleepMs / 6);
            }
        }
    }

    static int SleepMs(DateTime next, DateTime now)
    {
        long ms = (next - now).Ticks / TimeSpan.TicksPerMillisecond;
        if (ms < MinSleepMs) return MinSleepMs;
        return ms > MaxSleepMs ? MaxSleepMs : (int)ms;
    }
}
