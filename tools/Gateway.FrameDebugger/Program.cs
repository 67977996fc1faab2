using System.CommandLine;
using Gateway.FrameDebugger;

var file = new Argument<string>("file") { Description = "a pcap or pcapng capture, or hex text with --hex (- reads standard input)" };
var explain = new Option<int?>("--explain") { Description = "show frame N (1 = first) field by field, with a marked hex dump" };
var hex = new Option<bool>("--hex") { Description = "the file (or - for standard input) is hex text: plain, xxd, hexdump -C, tcpdump -xx, Wireshark" };
var link = new Option<int>("--link") { Description = "link type of hex input (1 Ethernet, 101 raw IP, 113/276 Linux cooked, 0 BSD loopback)", DefaultValueFactory = _ => 1 };
var dialogue = new Option<bool>("--dialogue") { Description = "TCP streams reassembled; the SMTP/POP3/IMAP conversation with the frames that carried each line (credentials redacted)" };
var showSecrets = new Option<bool>("--show-secrets") { Description = "show passwords and AUTH responses (dialogue, hex dumps, pictures) instead of ********" };
var json = new Option<bool>("--json") { Description = "JSON: one object per frame per line; with --explain, every field; with --dialogue, one object per connection per line" };
var svg = new Option<string?>("--svg") { Description = "with --explain N: write frame N's nesting (Ethernet around IP around TCP around the payload) with its fields as an SVG picture to FILE", HelpName = "FILE" };
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
};
root.SetAction(parse => FrameDebuggerCommand.Run(parse.GetValue(file)!, parse.GetValue(explain), Console.Out, Console.Error,
    parse.GetValue(hex) ? parse.GetValue(link) : null, parse.GetValue(json), parse.GetValue(dialogue), parse.GetValue(showSecrets), parse.GetValue(svg)));
return root.Parse(args).Invoke();
