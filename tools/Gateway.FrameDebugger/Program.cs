using System.CommandLine;
using Gateway.FrameDebugger;

var file = new Argument<FileInfo>("file") { Description = "a pcap or pcapng capture" };
var explain = new Option<int?>("--explain") { Description = "show frame N (1 = first) field by field, with a marked hex dump" };
var root = new RootCommand("framedbg: captured frames decoded layer by layer (Ethernet/SLL/loopback, IPv4/IPv6, TCP/UDP/ICMP).")
{
    file,
    explain,
};
root.SetAction(parse => FrameDebuggerCommand.Run(parse.GetValue(file)!, parse.GetValue(explain), Console.Out, Console.Error));
return root.Parse(args).Invoke();
