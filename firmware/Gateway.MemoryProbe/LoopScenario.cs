using System;
using Gateway.App;
using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.MemoryProbe;

/// <summary>
/// The device's loop as a board runs it, with canned mail servers and no TLS objects: the
/// configuration (config/mailrig.conf) parsed at boot, loop cycles, a poll that runs one signed
/// command and delivers its reply, an alert queued and delivered, and a later empty poll. Each step
/// is checked; the last line is "probe: ok", or "probe: failed: ..." (on a nanoCLR an unhandled
/// exception prints nothing, so every failure is caught and printed here).
/// </summary>
public static class LoopScenario
{
    /// <summary>config/mailrig.conf's sensor.interval is the default 10 s, its pop3.interval 60 s.</summary>
    const int SensorIntervalSeconds = 10;
    const int PollIntervalSeconds = 60;

    public static bool Run(IProbeOutput output)
    {
        try
        {
            Steps(output);
            output.Line("probe: ok");
            return true;
        }
        catch (Exception e)
        {
            output.Line("probe: failed: " + e.GetType().Name + ": " + e.Message);
            return false;
        }
    }

    static void Steps(IProbeOutput output)
    {
        // What the parse allocates in all, garbage included: a nanoCLR built by tools/nanoclr/build prints
        // the bytes allocated since start at each collection. Collections are forced around the parse (and
        // once more before it, so the cost of forcing one can be taken off); tools/nanoclr/measure reads the
        // count printed before each "parse: collected" line. The schema is checked first: a one-time cost.
        // The file's bytes are made first, as the board's File.ReadAllBytes does: the parse reads them in place.
        _ = GatewaySchema.Instance;
        var data = Utf8.GetBytes(MailrigConf.Text);
        Collect(output);
        Collect(output);
        var parsed = GatewayConfig.Parse(data, 0, data.Length);
        Collect(output);
        if (!parsed.IsValid) Fail("config/mailrig.conf does not parse: " + parsed.ToString());
        output.Line("boot: config/mailrig.conf parsed (" + Ascii.FromInt(data.Length) + " bytes)");
        data = null!;

        var clock = new ProbeClock(CommandMail.SignedAt.AddMinutes(1));
        var smtp = new CannedSmtpServer();
        var pop3 = new CannedPop3Server(CommandMail.Headers, CommandMail.Body);
        var sensor = new ProbeThermometer();
        var app = new GatewayApp(parsed.Config!, smtp, pop3, new RamStore(), clock, NullLog.Instance,
            new ISensor[] { sensor }, new IActuator[0], new Random(7), "demo-01.local");
        if (!app.PollsCommands) Fail("the app does not poll for commands (pop3.host and command.key are in mailrig.conf)");

        // The first pass reads the sensor and polls at once: the signed command runs, its reply goes out.
        app.Tick();
        var poll = app.LastPoll;
        if (!(poll != null && poll.Error == null)) Fail(poll == null ? "no poll" : "the poll failed: " + poll.Error!.Message);
        var outcomes = poll!.Outcomes;
        if (!(outcomes.Length == 1 && outcomes[0].Verdict == MailVerdict.Executed)) Fail("the command mail was not executed: " + Describe(outcomes));
        if (pop3.Holds) Fail("the command mail was not deleted from the mailbox");
        if (!(smtp.Mails == 1 && app.Outbox.Count == 0)) Fail("the reply was not delivered: " + app.Status());
        output.Line("cycle 1: polled one signed command (" + outcomes[0].Detail + "), reply queued and delivered");

        for (int i = 2; i <= 4; i++)
        {
            clock.Advance(SensorIntervalSeconds);
            app.Tick();
        }
        if (smtp.Mails != 1) Fail("a mail went out while nothing was due");
        output.Line("cycles 2-4: 20 °C, nothing to send");

        sensor.Value = 35;
        clock.Advance(SensorIntervalSeconds);
        app.Tick();
        if (!(smtp.Mails == 2 && app.Outbox.Count == 0 && app.LastError.Length == 0)) Fail("the alert was not delivered: " + app.Status());
        output.Line("cycle 5: 35 °C passes temp-high's 30 °C: alert queued and delivered");

        clock.Advance(PollIntervalSeconds);
        app.Tick();
        if (!(app.LastPoll != null && app.LastPoll.Error == null && app.LastPoll.Outcomes.Length == 0)) Fail("the second poll did not find an empty mailbox");
        output.Line("cycle 6: polled again, mailbox empty; " + Ascii.FromInt(smtp.Connections) + " SMTP and " + Ascii.FromInt(pop3.Connections) + " POP3 sessions in all");
    }

    /// <summary>The heap the parse's allocations are measured in (tools/nanoclr/measure runs the probe with it).</summary>
    public const int ParseMeasureHeap = 512 * 1024; // one heap cluster (at most 65,535 blocks of 12 bytes): a request past a cluster fails without collecting

    /// <summary>
    /// Makes the runtime collect: in a heap of <see cref="ParseMeasureHeap"/> this array is less than the heap
    /// but more than is free, so the runtime collects (and compacts) before it gives up. In the small heaps the
    /// loop is measured in it is more than the whole heap, which fails without collecting: harmless there.
    /// </summary>
    static void Collect(IProbeOutput output)
    {
        try
        {
            var tooBig = new byte[ParseMeasureHeap - 4096];
            output.Line("parse: no collection (" + Ascii.FromInt(tooBig.Length) + " bytes were free)");
        }
        catch (OutOfMemoryException)
        {
            output.Line("parse: collected");
        }
    }

    static string Describe(MailOutcome[] outcomes)
    {
        if (outcomes.Length == 0) return "no mail handled";
        string text = "";
        for (int i = 0; i < outcomes.Length; i++) text += (i == 0 ? "" : "; ") + outcomes[i].ToString();
        return text;
    }

    /// <summary>A step went wrong; the message is built only then, so checks cost the heap nothing.</summary>
    static void Fail(string failure) => throw new InvalidOperationException(failure);
}
