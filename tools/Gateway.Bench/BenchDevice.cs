using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;

namespace Gateway.Bench;

/// <summary>
/// A virtual device for a benchmark: the core's GatewayApp with one <see cref="TimedRelay"/>, run on its
/// own thread by the same loop as `gateway run` (ticks; with IMAP IDLE the wait is the server's).
/// </summary>
public sealed class BenchDevice : IDisposable
{
    readonly GatewayApp _app;
    readonly Thread _thread;
    volatile bool _stop;

    public BenchDevice(GatewayConfig config, ILog log)
    {
        Relay = new TimedRelay("relay1");
        var store = new FileStore(config.GetString("store.path")!);
        var smtp = new SocketConnector(new TlsTrust(config.GetString("smtp.ca")));
        string mail = config.IsSet("imap.host") ? "imap" : "pop3";
        var commands = new SocketConnector(new TlsTrust(config.GetString(mail + ".ca")));
        _app = new GatewayApp(config, smtp, commands, store, new SystemClock(), log, [], [Relay], new Random(), "bench.gateway.test");
        _thread = new Thread(Loop) { IsBackground = true, Name = "bench device " + mail };
        _thread.Start();
    }

    public TimedRelay Relay { get; }

    void Loop()
    {
        while (!_stop)
        {
            _app.Tick();
            var wait = _app.NextWakeUtc - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero) continue;
            var slice = wait < TimeSpan.FromMilliseconds(200) ? wait : TimeSpan.FromMilliseconds(200);
            if (!_app.WaitForCommands(DateTime.UtcNow + slice))
                Thread.Sleep(slice);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(40));
    }
}
