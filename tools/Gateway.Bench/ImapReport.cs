namespace Gateway.Bench;

/// <summary>Runs the IMAP benchmarks in one process, one after the other, and writes their tables (Markdown) and the ratios the goals name.</summary>
public static class ImapReport
{
    public static void Write(ImapBench bench, ImapAllocationBench allocations, TextWriter o)
    {
        var latency = bench.RunLatency();
        var idle = bench.RunIdle();
        var alloc = allocations.Run();

        o.WriteLine("Command latency, from the operator's send (`gateway command`'s path: SMTP submission to Postfix, delivery to Dovecot) to the relay moving on the virtual device (TLS throughout):");
        o.WriteLine();
        o.WriteLine("| path | commands | median | min | max | each (ms) |");
        o.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var l in latency)
            o.WriteLine($"| {l.Path} | {l.Ms.Length} | {l.Median:0} ms | {l.Ms.Min():0} ms | {l.Ms.Max():0} ms | {string.Join(" ", l.Ms.Select(x => x.ToString("0")))} |");
        o.WriteLine();
        var window = idle[0].WindowSeconds;
        o.WriteLine($"An idle device (no mail), implicit TLS, default timings, through a counting proxy: its start (5 s: connect, login, first poll or IDLE), then {window} s of quiet, scaled to an hour as start + window x 3600 / {window}. Bytes are TCP payload (TLS records), both directions.");
        o.WriteLine();
        o.WriteLine($"| path | start: handshakes | start: bytes | {window} s: handshakes | {window} s: bytes | per hour: TLS handshakes | per hour: bytes |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var i in idle)
            o.WriteLine($"| {i.Path} | {i.StartConnections} | {i.StartBytes:N0} | {i.WindowConnections} | {i.WindowBytes:N0} | {i.HandshakesPerHour:0.#} | {i.BytesPerHour:N0} |");
        o.WriteLine();
        o.WriteLine("Bytes allocated, the gateway's ImapClient with the device's MIME reader against MailKit 4.18.2's ImapClient with MimeKit doing the same, Dovecot's clear port (TLS left out for both):");
        o.WriteLine();
        o.WriteLine("| case | client | bytes allocated |");
        o.WriteLine("|---|---|---:|");
        foreach (var r in alloc)
            o.WriteLine($"| {r.Case} | {r.Client} | {r.Bytes:N0} |");
        o.WriteLine();
        foreach (var c in alloc.Select(r => r.Case).Distinct())
        {
            var ours = alloc.First(r => r.Case == c && r.Client.StartsWith("Gateway", StringComparison.Ordinal));
            var peer = alloc.First(r => r.Case == c && r.Client.StartsWith("MailKit", StringComparison.Ordinal));
            o.WriteLine($"{c}: {(double)ours.Bytes / peer.Bytes:0.000}x MailKit's");
        }
        var idleOurs = alloc.First(r => r.Case.StartsWith("idle", StringComparison.Ordinal) && r.Client.StartsWith("Gateway", StringComparison.Ordinal));
        var idlePeer = alloc.First(r => r.Case.StartsWith("idle", StringComparison.Ordinal) && r.Client.StartsWith("MailKit", StringComparison.Ordinal));
        o.WriteLine($"idle hour (x 3600 / {window}): Gateway {idleOurs.Bytes * 3600.0 / window:N0} B, MailKit {idlePeer.Bytes * 3600.0 / window:N0} B");
    }
}
