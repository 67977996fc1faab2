using Gateway.Bench;
using Gateway.Mail.Smtp;

// Gateway.Bench smtp [RIG_DIR] [ALERTS] [ONE_WAY_DELAY_MS] | pop3 [RIG_DIR] | imap [RIG_DIR] [COMMANDS] [IDLE_SECONDS]
// Needs a running mail rig (sudo bash tests/mailrig/start /tmp/gateway-mailrig); pop3 needs root (it fills the Maildir).
if (args.Length > 0 && args[0] == "capture")
{
    // Gateway.Bench capture OUT.pcap [FRAMES=1000000] [SOURCE=rig-traffic.pcap]
    CaptureRepeater.Write(args.Length > 3 ? args[3] : "tests/Gateway.FrameDebugger.Tests/Data/rig-traffic.pcap", args[1], args.Length > 2 ? int.Parse(args[2]) : 1_000_000);
    return 0;
}
if (args.Length > 0 && args[0] == "framedbg")
{
    // Gateway.Bench framedbg [FRAMES=1000000] [RUNS=5] [no-tshark]: framedbg against tcpdump and tshark on a capture made here
    // (no-tshark: for 10 M frames, where tshark would need gigabytes).
    int frames = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
    int runs = args.Length > 2 ? int.Parse(args[2]) : 5;
    bool withTshark = !(args.Length > 3 && args[3] == "no-tshark");
    string capture = Path.Combine(Path.GetTempPath(), $"gateway-bench-{frames}-{Environment.ProcessId}.pcap");
    CaptureRepeater.Write("tests/Gateway.FrameDebugger.Tests/Data/rig-traffic.pcap", capture, frames);
    try
    {
        var bench = new ViewerBench(Path.Combine(AppContext.BaseDirectory, "framedbg"), capture, runs);
        var viewers = bench.Run(bench.Tools().Where(t => withTshark || t.File != "tshark").ToList());
        Console.WriteLine($"{frames:N0} Ethernet frames ({new FileInfo(capture).Length / 1e6:0} MB) cycled from rig-traffic.pcap, ephemeral ports moved per pass; {runs} runs each, the tools taking turns; output to a pipe.");
        Console.WriteLine();
        Console.WriteLine("| tool | wall (median) | runs | peak memory | output |");
        Console.WriteLine("|---|---:|---|---:|---:|");
        foreach (var r in viewers)
            Console.WriteLine($"| `{r.Name}` | {r.MedianSeconds:0.00} s | {string.Join(" ", r.Seconds.Select(x => x.ToString("0.00")))} | {r.PeakBytes / 1e6:0} MB | {r.OutputBytes / 1e6:0} MB |");
        Console.WriteLine();
        double Of(string name) => viewers.FirstOrDefault(v => v.Name == name)?.MedianSeconds ?? double.NaN;
        Console.WriteLine($"one line per frame: {Of("tcpdump -nn -r CAPTURE") / Of("framedbg CAPTURE"):0.00}x tcpdump's speed, {Of("tshark -r CAPTURE") / Of("framedbg CAPTURE"):0.00}x tshark's");
        Console.WriteLine($"conversation: {Of("tshark -r CAPTURE -q -z follow,tcp,ascii,0") / Of("framedbg CAPTURE --dialogue"):0.00}x tshark's follow (one stream) speed");
    }
    finally
    {
        File.Delete(capture);
    }
    return 0;
}
if (args.Length > 0 && args[0] == "frames")
{
    string pcap = args.Length > 1 ? args[1] : "tests/Gateway.FrameDebugger.Tests/Data/rig-traffic.pcap";
    int count = args.Length > 2 ? int.Parse(args[2]) : 1_000_000;
    var frameResults = new FrameBench(pcap, count).Run();
    Console.WriteLine($"Header decoding, {count:N0} frames cycled from {pcap}, best of 3 rounds each.");
    Console.WriteLine();
    Console.WriteLine("| decoder | frames / s | bytes allocated / frame |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var r in frameResults)
        Console.WriteLine($"| {r.Decoder} | {r.FramesPerSecond:N0} | {r.BytesPerFrame:0.0} |");
    var mine = frameResults[0];
    var theirs = frameResults[1];
    Console.WriteLine();
    Console.WriteLine($"throughput {mine.FramesPerSecond / theirs.FramesPerSecond:0.0}x PacketDotNet's; checksums of the fields read agree: {mine.Checksum == theirs.Checksum}");
    return 0;
}
if (args.Length > 0 && args[0] == "imap")
{
    // Gateway.Bench imap [RIG_DIR] [COMMANDS=8] [IDLE_SECONDS=120]: IMAP IDLE against POP3 at 30 s, and against MailKit (needs root).
    var imapRig = new RigEnv(args.Length > 1 ? args[1] : "/tmp/gateway-mailrig");
    int commands = args.Length > 2 ? int.Parse(args[2]) : 8;
    int idle = args.Length > 3 ? int.Parse(args[3]) : 120;
    ImapReport.Write(new ImapBench(imapRig, commands, idle), new ImapAllocationBench(imapRig, idle), Console.Out);
    return 0;
}
if (args.Length == 0 || (args[0] != "smtp" && args[0] != "pop3"))
{
    Console.Error.WriteLine("usage: Gateway.Bench smtp [RIG_DIR=/tmp/gateway-mailrig] [ALERTS=20] [ONE_WAY_DELAY_MS=20]");
    Console.Error.WriteLine("       Gateway.Bench pop3 [RIG_DIR=/tmp/gateway-mailrig]");
    Console.Error.WriteLine("       Gateway.Bench imap [RIG_DIR=/tmp/gateway-mailrig] [COMMANDS=8] [IDLE_SECONDS=120]");
    Console.Error.WriteLine("       Gateway.Bench frames [CAPTURE.pcap] [FRAMES=1000000]");
    Console.Error.WriteLine("       Gateway.Bench framedbg [FRAMES=1000000] [RUNS=5] [no-tshark]   (framedbg vs tcpdump and tshark)");
    Console.Error.WriteLine("       Gateway.Bench capture OUT.pcap [FRAMES=1000000] [SOURCE.pcap]");
    return 2;
}
if (args[0] == "pop3")
{
    var pop3Rig = new RigEnv(args.Length > 1 ? args[1] : "/tmp/gateway-mailrig");
    var pop3 = new Pop3Bench(pop3Rig).Run();
    Console.WriteLine("POP3 on the clear port (TLS left out for both), protocol and MIME parsing, one poll per row.");
    Console.WriteLine();
    Console.WriteLine("| case | client | bytes on the wire | bytes allocated |");
    Console.WriteLine("|---|---|---:|---:|");
    foreach (var r in pop3)
        Console.WriteLine($"| {r.Case} | {r.Client} | {r.BytesOnWire:N0} | {r.BytesAllocated:N0} |");
    Console.WriteLine();
    foreach (var c in pop3.Select(r => r.Case).Distinct())
    {
        var ours = pop3.First(r => r.Case == c && r.Client.StartsWith("Gateway"));
        var peer = pop3.First(r => r.Case == c && r.Client.StartsWith("MailKit"));
        Console.WriteLine($"{c}: allocations {(double)ours.BytesAllocated / peer.BytesAllocated:0.000}x MailKit's, wire {(double)ours.BytesOnWire / peer.BytesOnWire:0.00}x");
    }
    return 0;
}
var rig = new RigEnv(args.Length > 1 ? args[1] : "/tmp/gateway-mailrig");
int alerts = args.Length > 2 ? int.Parse(args[2]) : 20;
int delay = args.Length > 3 ? int.Parse(args[3]) : 20;

var results = new SmtpBench(rig, alerts, delay).Run();
Console.WriteLine($"SMTP: one alert per session, {alerts} alerts per client and path, {delay} ms added each way for round trips and time.");
Console.WriteLine($"Gateway working buffers: reply line {SmtpLimits.MaxReplyLine + 2} B + write buffer {SmtpLimits.WriteBuffer} B = {SmtpLimits.MaxReplyLine + 2 + SmtpLimits.WriteBuffer} B.");
Console.WriteLine();
Console.WriteLine("| path | client | round trips / alert (capture) | (proxy's count) | (loopback capture) | ms / alert | alerts / s | bytes allocated / alert | bytes on the wire / alert |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine($"| {r.Path} | {r.Client} | {r.CapturedRoundTripsPerAlert:0.0} | {r.RoundTripsPerAlert:0.0} | {r.LoopbackRoundTripsPerAlert:0.0} | {r.MsPerAlert:0} | {r.AlertsPerSecond:0.0} | {r.BytesAllocatedPerAlert:N0} | {r.BytesOnWirePerAlert:N0} |");
Console.WriteLine();
foreach (var path in results.Select(r => r.Path).Distinct())
{
    var ours = results.First(r => r.Path == path && r.Client.StartsWith("Gateway"));
    var peer = results.First(r => r.Path == path && r.Client.StartsWith("MailKit"));
    Console.WriteLine($"{path}: allocations {(double)ours.BytesAllocatedPerAlert / peer.BytesAllocatedPerAlert:0.000}x MailKit's, round trips {ours.RoundTripsPerAlert:0.0} vs {peer.RoundTripsPerAlert:0.0}, time {ours.MsPerAlert / peer.MsPerAlert:0.00}x");
}
return 0;
