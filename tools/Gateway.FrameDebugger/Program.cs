using System.CommandLine;
using Gateway.FrameDebugger;

var file = new Argument<string?>("file") { Description = "a pcap or pcapng capture, or hex text with --hex (- reads standard input); none with --live", Arity = ArgumentArity.ZeroOrOne };
var explain = new Option<int?>("--explain") { Description = "show frame N (1 = first) field by field, with a marked hex dump" };
var hex = new Option<bool>("--hex") { Description = "the file (or - for standard input) is hex text: plain, xxd, hexdump -C, tcpdump -xx, Wireshark" };
var link = new Option<int>("--link") { Description = "link type of hex input (1 Ethernet, 101 raw IP, 113/276 Linux cooked, 0 BSD loopback)", DefaultValueFactory = _ => 1 };
var dialogue = new Option<bool>("--dialogue") { Description = "TCP streams reassembled; the conversation with the frames that carried each line, SMTP/POP3/IMAP named from what is said on any port (credentials redacted), anomalies marked" };
var showSecrets = new Option<bool>("--show-secrets") { Description = "show passwords and AUTH responses (dialogue, hex dumps, pictures) instead of ********" };
var json = new Option<bool>("--json") { Description = "JSON: one object per frame per line; with --explain, every field; with --dialogue, one object per connection per line" };
var svg = new Option<string?>("--svg") { Description = "with --explain N: write frame N's nesting (Ethernet around IP around TCP around the payload) with its fields as an SVG picture to FILE", HelpName = "FILE" };
var live = new Option<string?>("--live") { Description = "capture on this interface (libpcap; needs root or CAP_NET_RAW) instead of reading a file; Ctrl+C ends it", HelpName = "IFACE" };
var filter = new Option<string?>("--filter") { Description = "with --live: a BPF filter, e.g. \"tcp port 2525\"", HelpName = "BPF" };
var count = new Option<int?>("--count") { Description = "with --live: stop after N frames", HelpName = "N" };
var seconds = new Option<double?>("--seconds") { Description = "with --live: stop after S seconds", HelpName = "S" };
var root = new RootCommand("framedbg: captured frames decoded layer by layer (Ethernet/SLL/loopback, IPv4/IPv6, TCP/UDP/ICMP).")
{
    file,
    explain,
    hex,
    link,
    json,
    dialogue,
    showSecrets,
    svg,
    live,
    filter,
    count,
    seconds,
};
root.SetAction(parse =>
{
    string? path = parse.GetValue(file), iface = parse.GetValue(live);
    if (iface is null)
    {
        if (path is null || parse.GetValue(filter) != null || parse.GetValue(count) != null || parse.GetValue(seconds) != null)
        {
            Console.Error.WriteLine(path is null ? "framedbg: give a capture file, or --live IFACE" : "framedbg: --filter, --count and --seconds go with --live");
            return FrameDebuggerCommand.ExitUsage;
        }
        // A file is read as fast as it can be shown: Console.Out flushes every line (a write(2) per frame),
        // so the views write to one buffered writer, flushed at the end (and by the writer when full).
        using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
        return FrameDebuggerCommand.Run(path, parse.GetValue(explain), output, Console.Error,
            parse.GetValue(hex) ? parse.GetValue(link) : null, parse.GetValue(json), parse.GetValue(dialogue), parse.GetValue(showSecrets), parse.GetValue(svg));
    }
    if (path != null || parse.GetValue(hex))
    {
        Console.Error.WriteLine("framedbg: --live reads an interface, not a file");
        return FrameDebuggerCommand.ExitUsage;
    }
    return FrameDebuggerCommand.RunLive(iface, parse.GetValue(filter), parse.GetValue(count), parse.GetValue(seconds), parse.GetValue(explain),
        Console.Out, Console.Error, parse.GetValue(json), parse.GetValue(dialogue), parse.GetValue(showSecrets), parse.GetValue(svg),
        started: reader => Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // end the capture and still show what was seen
            reader.Stop();
        });
});
return root.Parse(args).Invoke();
