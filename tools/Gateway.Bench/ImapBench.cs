using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Operator;

namespace Gateway.Bench;

/// <summary>
/// Commands by IMAP IDLE against POP3 at a 30 s interval, side by side against the rig, as the virtual
/// device runs them (GatewayApp, TLS, Postfix delivering the operator's mail): the latency from the
/// operator's send to the relay moving, and the TLS handshakes and bytes on the wire of an idle window
/// scaled to an hour. The client-level allocations against MailKit are <see cref="ImapAllocationBench"/>.
/// </summary>
public sealed class ImapBench(RigEnv rig, int commands, int idleSeconds)
{
    public sealed record Latency(string Path, double[] Ms)
    {
        public double Median => Ms.Order().ElementAt(Ms.Length / 2);
    }

    /// <summary>An idle device through a counting proxy: the start (connect, login, first poll or IDLE) and then a quiet window.</summary>
    public sealed record Idle(string Path, int StartConnections, long StartBytes, int WindowSeconds, int WindowConnections, long WindowBytes)
    {
        public double HandshakesPerHour => StartConnections + WindowConnections * 3600.0 / WindowSeconds;
        public double BytesPerHour => StartBytes + WindowBytes * 3600.0 / WindowSeconds;
    }

    readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    readonly string _dir = Directory.CreateTempSubdirectory("gateway-bench-imap-").FullName;
    readonly ILog _log = new ConsoleLogQuiet();

    /// <summary>The latency of <paramref name="commands"/> commands by IMAP IDLE, then by POP3 at a 30 s interval.</summary>
    public List<Latency> RunLatency()
    {
        var operatorMail = OperatorMail.Create(Parse(OperatorConfig()), out var why) ?? throw new InvalidOperationException(why);
        var results = new List<Latency>();
        using (var imap = new BenchDevice(Parse(DeviceConfig("imap", rig.ImapsPort, "imap-latency")), _log))
            results.Add(new Latency("IMAP IDLE", Commands(imap, operatorMail, randomWaitS: 0)));
        using (var pop3 = new BenchDevice(Parse(DeviceConfig("pop3", rig.Pop3sPort, "pop3-latency")), _log))
            results.Add(new Latency("POP3, pop3.interval = 30s", Commands(pop3, operatorMail, randomWaitS: 30)));
        return results;
    }

    /// <summary>
    /// Sends the commands one at a time, each after a random pause (so a polled device is met anywhere in
    /// its interval, as an operator would), and times each from the send to the relay's move.
    /// </summary>
    double[] Commands(BenchDevice device, OperatorMail operatorMail, int randomWaitS)
    {
        Thread.Sleep(3000); // connected, logged in, idling or polled once
        var ms = new double[commands];
        for (int i = 0; i < commands; i++)
        {
            if (randomWaitS > 0) Thread.Sleep(Random.Shared.Next(randomWaitS * 1000));
            long sent = Stopwatch.GetTimestamp();
            operatorMail.Send([i % 2 == 0 ? "relay relay1 on" : "relay relay1 off"], null, _log);
            long moved = device.Relay.WaitForMove(i + 1, TimeSpan.FromSeconds(randomWaitS + 60))
                ?? throw new TimeoutException($"command {i + 1} did not move the relay within {randomWaitS + 60} s");
            ms[i] = Stopwatch.GetElapsedTime(sent, moved).TotalMilliseconds;
            Console.Error.WriteLine($"  {(randomWaitS > 0 ? "pop3" : "imap")} command {i + 1}: {ms[i]:0} ms");
        }
        return ms;
    }

    /// <summary>Both devices idle at once, each through its own counting proxy, with their default timings.</summary>
    public List<Idle> RunIdle()
    {
        using var imapProxy = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, rig.ImapsPort), TimeSpan.Zero);
        using var pop3Proxy = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, rig.Pop3sPort), TimeSpan.Zero);
        using var imap = new BenchDevice(Parse(DeviceConfig("imap", imapProxy.Port, "imap-idle")), _log);
        using var pop3 = new BenchDevice(Parse(DeviceConfig("pop3", pop3Proxy.Port, "pop3-idle")), _log);
        const int StartSeconds = 5;
        Thread.Sleep(StartSeconds * 1000);
        var start = new[] { Snapshot(imapProxy), Snapshot(pop3Proxy) };
        imapProxy.ResetCounters();
        pop3Proxy.ResetCounters();
        Thread.Sleep(idleSeconds * 1000);
        return
        [
            new Idle("IMAP IDLE (keepalive 5m, interval 60s)", start[0].Connections, start[0].Bytes, idleSeconds, imapProxy.Connections, imapProxy.BytesUp + imapProxy.BytesDown),
            new Idle("POP3, pop3.interval = 30s", start[1].Connections, start[1].Bytes, idleSeconds, pop3Proxy.Connections, pop3Proxy.BytesUp + pop3Proxy.BytesDown),
        ];
    }

    static (int Connections, long Bytes) Snapshot(LatencyProxy p) => (p.Connections, p.BytesUp + p.BytesDown);

    static GatewayConfig Parse(string text)
    {
        var parsed = GatewayConfig.Parse(text);
        return parsed.IsValid ? parsed.Config! : throw new InvalidOperationException("the benchmark's configuration is wrong: " + parsed);
    }

    string DeviceConfig(string mail, int port, string name) => $"""
        device.id = bench-01
        smtp.host = 127.0.0.1
        smtp.port = {rig.SubmissionPort}
        smtp.tls = starttls
        smtp.user = {rig.DeviceUser}
        smtp.password = {rig.DevicePassword}
        smtp.from = {rig.DeviceUser}
        smtp.ca = {rig.CaPath}
        alert.to = {rig.OpsUser}
        {mail}.host = 127.0.0.1
        {mail}.port = {port}
        {mail}.tls = implicit
        {mail}.user = {rig.DeviceUser}
        {mail}.password = {rig.DevicePassword}
        {mail}.ca = {rig.CaPath}
        {(mail == "pop3" ? "pop3.interval = 30s" : "")}
        command.key = {Convert.ToBase64String(_key)}
        command.senders = {rig.OpsUser}
        store.path = {Path.Combine(_dir, name)}
        """;

    string OperatorConfig() => $"""
        role = operator
        device.id = bench-01
        smtp.host = 127.0.0.1
        smtp.port = {rig.SubmissionPort}
        smtp.tls = starttls
        smtp.user = {rig.OpsUser}
        smtp.password = {rig.OpsPassword}
        smtp.from = {rig.OpsUser}
        smtp.ca = {rig.CaPath}
        command.key = {Convert.ToBase64String(_key)}
        command.to = {rig.DeviceUser}
        """;

    /// <summary>Warnings and errors only, to standard error: the benchmark's tables stay on standard output.</summary>
    sealed class ConsoleLogQuiet : ILog
    {
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;
        public void Write(LogLevel level, string text)
        {
            if (IsEnabled(level)) Console.Error.WriteLine($"  device {level.ToString().ToLowerInvariant()}: {text}");
        }
    }
}
