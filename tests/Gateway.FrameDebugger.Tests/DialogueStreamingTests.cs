using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;
using Gateway.FrameDebugger.Tests.Support;
using static Gateway.FrameDebugger.Tests.DialogueTests;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// `--dialogue` streams: a connection is written when it ends, so what is held follows the connections
/// open at once, not the capture. Proved by count (connections held at once), not by timing or the GC.
/// </summary>
public class DialogueStreamingTests
{
    const byte FinAck = 0x11;

    /// <summary>One short SMTP session (greeting, QUIT, 221, both FINs, the last ACK) on client port <paramref name="port"/>, its frames 1 ms apart.</summary>
    static IEnumerable<(long Ms, byte[] Frame)> Session(int port, long startMs)
    {
        const int S = 2525;
        byte[][] frames =
        [
            Frame(port, S, 1000, Syn, ""),
            Frame(S, port, 5000, SynAck, ""),
            Frame(S, port, 5001, Psh, "220 mail ESMTP\r\n"),
            Frame(port, S, 1001, Psh, "QUIT\r\n"),
            Frame(S, port, 5017, Psh, "221 bye\r\n"),
            Frame(S, port, 5026, FinAck, ""),
            Frame(port, S, 1007, FinAck, ""),
            Frame(S, port, 5027, Ack, ""),
        ];
        for (int i = 0; i < frames.Length; i++) yield return (startMs + i, frames[i]);
    }

    /// <summary>Sessions started every <paramref name="everyMs"/> ms, each on its own client port.</summary>
    static byte[] ManySessions(int sessions, long everyMs) =>
        Pcap(Enumerable.Range(0, sessions).SelectMany(i => Session(40000 + i % 20000, i * everyMs)));

    static byte[] Pcap(IEnumerable<(long Ms, byte[] Frame)> frames) =>
        CaptureWriter.Pcap(false, false, 1, frames.Select(f => ((uint)(1_800_000_000 + f.Ms / 1000), (uint)(f.Ms % 1000 * 1000), f.Frame)).ToArray());

    [Fact]
    public void Many_short_connections_are_held_a_few_at_a_time_and_each_is_written_once_in_order()
    {
        const int Sessions = 5000, EveryMs = 100;
        var written = new List<DialogueConnection>();
        var dialogue = MailDialogue.Stream(CaptureReader.Open(new MemoryStream(ManySessions(Sessions, EveryMs))), false, written.Add);

        Assert.Equal(Sessions, written.Count);
        Assert.Equal(Enumerable.Range(0, Sessions).Select(i => 1 + 8 * i), written.Select(c => c.FirstFrame));
        Assert.All(written, c => Assert.Equal(["220 mail ESMTP", "QUIT", "221 bye"], c.Entries.Select(e => e.Text)));
        // Held: those closed within the linger, plus one sweep interval, plus the one being read.
        int bound = (int)((MailDialogue.CloseLinger.TotalMilliseconds + 1000) / EveryMs) + 2;
        Assert.InRange(dialogue.MostHeld, 1, bound);
        Assert.Empty(dialogue.Connections);
    }

    [Fact]
    public void The_same_capture_read_whole_holds_every_connection()
    {
        // The contrast that makes the bound above mean something: without streaming, all 5000 are held.
        var dialogue = MailDialogue.Read(CaptureReader.Open(new MemoryStream(ManySessions(5000, 100))), false);
        Assert.Equal(5000, dialogue.MostHeld);
    }

    [Fact]
    public void The_last_ack_after_both_fins_belongs_to_its_connection_not_a_new_one()
    {
        var written = new List<DialogueConnection>();
        // The last ACK comes 3 s after the FINs (within the linger); the next session starts 10 s later.
        var frames = Session(40000, 0).Take(7).Append((3007L, Frame(2525, 40000, 5027, Ack, ""))).Concat(Session(40001, 13000));
        MailDialogue.Stream(CaptureReader.Open(new MemoryStream(Pcap(frames))), false, written.Add);
        Assert.Equal([40000, 40001], written.Select(c => c.ClientEnd.Port));
    }

    [Fact]
    public void A_connection_idle_past_the_limit_is_written_before_the_capture_ends()
    {
        var written = new List<(DialogueConnection Connection, int FramesSeenThen)>();
        long idle = (long)MailDialogue.IdleLimit.TotalMilliseconds;
        // A session that never closes (no FIN), then another long after it, then a third later still.
        var frames = Session(40000, 0).Take(5).Concat(Session(40001, idle + 2000)).Concat(Session(40002, 2 * idle + 5000));
        var pcap = Pcap(frames);
        int seen = 0;
        var reader = new CountingReader(CaptureReader.Open(new MemoryStream(pcap)), () => seen++);
        MailDialogue.Stream(reader, false, c => written.Add((c, seen)));
        Assert.Equal([40000, 40001, 40002], written.Select(w => w.Connection.ClientEnd.Port));
        Assert.True(written[0].FramesSeenThen <= 6, $"the idle connection was written after {written[0].FramesSeenThen} frames");
    }

    sealed class CountingReader(CaptureReader inner, Action read) : CaptureReader(Stream.Null)
    {
        public override string Format => inner.Format;

        public override bool TryRead(CaptureRecord record)
        {
            bool got = inner.TryRead(record);
            if (got) read();
            return got;
        }
    }
}
