using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;
using Gateway.Host.Sensors;

namespace Gateway.Host;

/// <summary>The virtual device: the core's GatewayApp wired to this computer's sockets, files and clock.</summary>
public static class HostDevice
{
    public static GatewayApp Create(GatewayConfig config, ILog log, IClock? clock = null)
    {
        clock ??= new SystemClock();
        var store = new FileStore(StorePath(config));
        var smtpConnector = new SocketConnector(new TlsTrust(config.GetString("smtp.ca"), config.GetString("smtp.pin")));
        // Command mail comes by IMAP or by POP3 (never both: the schema refuses it), each with its own trust.
        string mail = config.IsSet("imap.host") ? "imap" : "pop3";
        var pop3Connector = new SocketConnector(new TlsTrust(config.GetString(mail + ".ca"), config.GetString(mail + ".pin")));
        var sensors = new List<ISensor>();
        foreach (var name in config.GetNames("sensor"))
        {
            var spec = config.GetString($"sensor.{name}.sim");
            if (spec == null) continue;
            SimulatedSensor.TryParse(name, spec, config.GetString($"sensor.{name}.unit") ?? "", clock.UtcNow, out var sim, out _);
            if (sim != null) sensors.Add(new SimulatedSensorAdapter(sim, clock));
        }
        return new GatewayApp(config, smtpConnector, pop3Connector, store, clock, log, sensors.ToArray(), Relays(config).ToArray(), new Random(), HeloName());
    }

    /// <summary>
    /// The simulated relays declared with `relay.NAME.sim = on|off` (the state the first time); each keeps
    /// its moves in STORE.relays/NAME, so a restarted virtual device finds its relays as it left them.
    /// </summary>
    public static List<SimulatedRelay> Relays(GatewayConfig config)
    {
        var relays = new List<SimulatedRelay>();
        foreach (var name in config.GetNames("relay"))
        {
            var sim = config.GetString($"relay.{name}.sim");
            if (sim != null)
                relays.Add(new SimulatedRelay(name, sim.Trim().Equals("on", StringComparison.OrdinalIgnoreCase),
                    SimulatedRelay.JournalPath(StorePath(config), name)));
        }
        return relays;
    }

    /// <summary>store.path, or ./.gateway/DEVICE-ID beside where the command runs.</summary>
    public static string StorePath(GatewayConfig config) =>
        config.GetString("store.path") ?? Path.Combine(Environment.CurrentDirectory, ".gateway", config.GetString("device.id")!);

    /// <summary>EHLO wants a domain; a bare host name without a dot is still accepted by common servers.</summary>
    static string HeloName()
    {
        var name = System.Net.Dns.GetHostName();
        return ConfigValues.IsHost(name) ? name : "localhost";
    }
}
