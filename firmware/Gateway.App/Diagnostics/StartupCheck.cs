using System;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.App.Diagnostics;

/// <summary>
/// The device's start-up check, the short form of `gateway doctor` on the serial console: the clock,
/// then a real login to the SMTP server (connect, greeting, EHLO, TLS, AUTH) and to the POP3 server
/// (and STAT) or the IMAP server (and SELECT), with the same clients the loop uses. Each line says what passed or, with a hint, why not.
/// It only reports: the loop runs either way and retries what failed.
/// </summary>
public static class StartupCheck
{
    /// <summary>A clock before this year has not been set (SNTP has not answered): no certificate is valid then.</summary>
    public const int FirstPlausibleYear = 2024;

    /// <returns>How many checks failed: 0 when the device can send, and read commands when POP3 or IMAP is configured.</returns>
    /// <param name="commands">The connector for the command mail's server (POP3 or IMAP: never both).</param>
    public static int Run(GatewayConfig config, IClock clock, IConnector smtp, IConnector commands, ILog log, string heloName)
    {
        int failed = 0;
        if (!CheckClock(clock.UtcNow, log)) failed++;
        if (!CheckSmtp(config, clock, smtp, log, heloName)) failed++;
        if (config.IsSet("pop3.host") && !CheckPop3(config, clock, commands, log)) failed++;
        if (config.IsSet("imap.host") && !CheckImap(config, clock, commands, log)) failed++;
        log.Write(failed == 0 ? LogLevel.Info : LogLevel.Error,
            failed == 0 ? "check: all passed" : "check: " + Ascii.FromInt(failed) + " failed");
        return failed;
    }

    static bool CheckClock(DateTime now, ILog log)
    {
        if (now.Year >= FirstPlausibleYear)
        {
            log.Write(LogLevel.Info, "check clock: " + IsoTime.Format(now));
            return true;
        }
        return Failed(log, "check clock", IsoTime.Format(now) + " is not set", MailAdvice.Text(MailProblem.UnsetClock, ""));
    }

    static bool CheckSmtp(GatewayConfig config, IClock clock, IConnector connector, ILog log, string heloName)
    {
        var options = SmtpSettings.FromConfig(config, heloName);
        string target = "check smtp " + options.Host + ":" + Ascii.FromInt(options.Port);
        var client = new SmtpClient(connector, options, log);
        DateTime start = clock.UtcNow;
        try
        {
            client.Connect();
            log.Write(LogLevel.Info, target + ": " + Steps("EHLO", options.Tls, options.HasLogin)
                + " ok (" + Ascii.FromInt(client.RoundTrips) + " round trips, " + Elapsed(start, clock) + ")");
            client.Quit();
            return true;
        }
        catch (SmtpException e)
        {
            return Failed(log, target, e.Message, MailAdvice.For(e));
        }
        finally
        {
            // One TLS session at a time on a board without PSRAM: close before the next check.
            client.Close();
        }
    }

    static bool CheckPop3(GatewayConfig config, IClock clock, IConnector connector, ILog log)
    {
        var options = Pop3Settings.FromConfig(config);
        string target = "check pop3 " + options.Host + ":" + Ascii.FromInt(options.Port);
        var client = new Pop3Client(connector, options, log);
        DateTime start = clock.UtcNow;
        try
        {
            client.Connect();
            var stat = client.Stat();
            log.Write(LogLevel.Info, target + ": " + Steps("CAPA", options.Tls, options.HasLogin)
                + ", STAT ok: " + Ascii.FromInt(stat.Count) + " message(s) (" + Ascii.FromInt(client.RoundTrips) + " round trips, " + Elapsed(start, clock) + ")");
            client.Quit();
            return true;
        }
        catch (Pop3Exception e)
        {
            return Failed(log, target, e.Message, MailAdvice.For(e));
        }
        finally
        {
            client.Close();
        }
    }

    static bool CheckImap(GatewayConfig config, IClock clock, IConnector connector, ILog log)
    {
        var options = ImapSettings.FromConfig(config);
        string folder = config.GetString("imap.folder") ?? "INBOX";
        string target = "check imap " + options.Host + ":" + Ascii.FromInt(options.Port);
        var client = new ImapClient(connector, options, log);
        DateTime start = clock.UtcNow;
        try
        {
            client.Connect();
            client.Select(folder);
            log.Write(LogLevel.Info, target + ": " + Steps("CAPABILITY", options.Tls, options.User != null)
                + ", SELECT ok: " + Ascii.FromInt(client.Exists) + " message(s) in " + folder + ", IDLE " + (client.CanIdle ? "offered" : "not offered (searches every imap.interval)")
                + " (" + Ascii.FromInt(client.RoundTrips) + " round trips, " + Elapsed(start, clock) + ")");
            client.Logout();
            return true;
        }
        catch (ImapException e)
        {
            return Failed(log, target, e.Message, MailAdvice.For(e));
        }
        finally
        {
            client.Close();
        }
    }

    /// <summary>Logs what failed and, when the advice table has one, the hint; false, for the caller to return.</summary>
    static bool Failed(ILog log, string target, string message, string? hint)
    {
        log.Write(LogLevel.Error, target + ": " + message);
        if (hint != null) log.Write(LogLevel.Error, "check hint: " + hint);
        return false;
    }

    static string Steps(string hello, TlsMode tls, bool login)
    {
        string text = "connect, greeting, " + hello;
        if (tls == TlsMode.Implicit) text = "connect, TLS, greeting, " + hello;
        else if (tls == TlsMode.StartTls) text += ", STARTTLS";
        return login ? text + ", AUTH" : text + " (no login configured)";
    }

    static string Elapsed(DateTime start, IClock clock)
    {
        long ms = (clock.UtcNow.Ticks - start.Ticks) / TimeSpan.TicksPerMillisecond;
        return Ascii.FromInt(ms) + " ms";
    }
}
