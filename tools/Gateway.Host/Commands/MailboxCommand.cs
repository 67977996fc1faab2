using Gateway.Core.Config;
using System.CommandLine;
using System.Net;
using Gateway.DevMail;
using Gateway.Host.Operator;
using Gateway.Host.Web;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway mailbox`: the local mailbox (SMTP + POP3 over a folder) until Ctrl-C. Prints what a
/// device needs (a ready config snippet), then a line per session and message.
/// </summary>
static class MailboxCommand
{
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "the folder that keeps the mailboxes and the TLS files" };
        var smtpPort = new Option<int>("--smtp-port") { Description = "the SMTP submission port (0 picks a free one)", DefaultValueFactory = _ => 5587 };
        var pop3Port = new Option<int>("--pop3-port") { Description = "the POP3 port (0 picks a free one)", DefaultValueFactory = _ => 5110 };
        var pop3sPort = new Option<int>("--pop3s-port") { Description = "the POP3 port with implicit TLS, with --tls (0 picks a free one)", DefaultValueFactory = _ => 5995 };
        var tls = new Option<bool>("--tls") { Description = "offer STARTTLS/STLS and POP3S with a certificate made at start (its CA is printed)" };
        var tlsName = new Option<string>("--tls-name") { Description = "one more name for the certificate, e.g. this laptop's name on the LAN" };
        var bind = new Option<string>("--bind") { Description = "the address to listen on (default 127.0.0.1; the laptop's LAN address for a board)", DefaultValueFactory = _ => "127.0.0.1" };
        var allowPlain = new Option<bool>("--allow-plaintext") { Description = "accept passwords without TLS also when not on loopback (test networks only)" };
        var users = new Option<string[]>("--user") { Description = "a mailbox as address:password (repeatable); default device@ and ops@gateway.local with generated passwords" };
        var web = WebOptions.Web();
        var webPassword = WebOptions.Password();
        var operatorConfig = new Option<FileInfo>("--operator") { Description = "with --web: the operator's configuration, so the page can sign and send commands (its key stays on the server)" };
        var capture = new Option<bool>("--capture") { Description = "with --web: capture the mailbox's own ports (libpcap; root) for the page's frames view" };
        var command = new Command("mailbox", "Run a local mail server (SMTP + POP3) for the gateway until Ctrl-C.")
        {
            dir, smtpPort, pop3Port, pop3sPort, tls, tlsName, bind, allowPlain, users, web, webPassword, operatorConfig, capture,
        };
        command.SetAction(parse =>
        {
            DevMailOptions options;
            try
            {
                var given = parse.GetValue(users) ?? [];
                options = new DevMailOptions
                {
                    SmtpPort = parse.GetValue(smtpPort),
                    Pop3Port = parse.GetValue(pop3Port),
                    Tls = parse.GetValue(tls),
                    TlsName = parse.GetValue(tlsName),
                    BindAddress = IPAddress.Parse(parse.GetValue(bind)!),
                    AllowPlaintextAuth = parse.GetValue(allowPlain) ? true : null,
                    Users = given.Length > 0
                        ? given.Select(MailUser.Parse).ToList()
                        : [new MailUser("device@gateway.local", MailUser.GeneratePassword()), new MailUser("ops@gateway.local", MailUser.GeneratePassword())],
                };
                if (options.Tls) options.Pop3sPort = parse.GetValue(pop3sPort);
                var folder = parse.GetValue(dir);
                if (folder != null) options.Directory = folder.FullName;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine("gateway mailbox: " + e.Message);
                return 2;
            }
            var page = new PageRequest(parse.GetValue(web), parse.GetValue(webPassword), parse.GetValue(operatorConfig), parse.GetValue(capture));
            if (page.Spec == null && (page.Operator != null || page.Capture || page.Password != null))
            {
                Console.Error.WriteLine("gateway mailbox: --operator, --capture and --web-password go with --web [ADDRESS:]PORT");
                return 2;
            }
            return Run(options, page);
        });
        return command;
    }

    sealed record PageRequest(string? Spec, string? Password, FileInfo? Operator, bool Capture);

    static int Run(DevMailOptions options, PageRequest request)
    {
        DevMailServer server;
        try
        {
            server = new DevMailServer(options);
            server.Event += e => Console.WriteLine($"{e.TimeUtc:HH:mm:ss.fff} {e}");
            server.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("gateway mailbox: " + e.Message);
            return 2;
        }

        Console.WriteLine();
        Console.WriteLine($"Local mailbox on {options.BindAddress}: SMTP {server.SmtpPort}" +
            (server.Pop3sPort != null ? $", POP3 {server.Pop3Port} (STLS) and {server.Pop3sPort} (implicit TLS)" : $", POP3 {server.Pop3Port}") +
            $", messages in {server.Store.Directory}");
        Console.WriteLine(options.Tls ? $"TLS certificate authority to trust: {server.CaPemPath}" : "No TLS (add --tls to offer STARTTLS/STLS)");
        foreach (var user in options.Users)
            Console.WriteLine($"  mailbox {user.Address}  password {user.Password}");
        var device = options.Users[0];
        Console.WriteLine();
        Console.WriteLine($"# Configuration lines for a gateway that sends and reads as {device.Address}:");
        Console.Write(server.ConfigSnippet(device));
        if (options.Users.Count > 1)
        {
            Console.WriteLine($"alert.to = {options.Users[1].Address}");
            Console.WriteLine($"command.senders = {options.Users[1].Address}");
        }
        Console.WriteLine();
        using var page = StartPage(server, options, request);
        if (request.Spec != null && page == null)
        {
            server.StopAsync().GetAwaiter().GetResult();
            return 2;
        }
        Console.WriteLine("Ctrl-C stops; the messages stay in the folder.");

        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        stop.Wait();
        page?.Dispose();
        server.StopAsync().GetAwaiter().GetResult();
        Console.WriteLine($"stopped; {string.Join(", ", server.Store.Mailboxes.Select(m => $"{m}: {server.Store.List(m).Count} message(s)"))} kept in {server.Store.Directory}");
        return 0;
    }

    /// <summary>The page and what it is fed, stopped together by <see cref="Dispose"/>.</summary>
    sealed class RunningPage(WebPage page, LiveMailboxCapture? capture) : IDisposable
    {
        bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            capture?.Dispose();
            page.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>`--web`: the page over this mailbox (device = the first user), with the operator's form and the live capture when asked.</summary>
    static RunningPage? StartPage(DevMailServer server, DevMailOptions options, PageRequest request)
    {
        if (request.Spec == null) return null;
        var context = new WebContext();
        context.AttachMailbox(server, options.Users[0].Address);
        if (request.Operator != null)
        {
            var config = ConfigFile.Load(request.Operator.FullName, Console.Error, ConfigRole.Operator);
            if (config == null) return null;
            var sender = OperatorMail.Create(config, out var why);
            if (sender == null)
            {
                Console.Error.WriteLine($"gateway mailbox: {request.Operator.Name}: {why}");
                return null;
            }
            context.AttachOperator(sender);
        }
        LiveMailboxCapture? capture = null;
        if (request.Capture)
        {
            var ports = new[] { server.SmtpPort, server.Pop3Port, server.SmtpsPort ?? 0, server.Pop3sPort ?? 0 }.Where(p => p > 0);
            capture = LiveMailboxCapture.Start(ports, out var why);
            if (capture == null) Console.Error.WriteLine($"gateway mailbox: no capture ({why}); the page opens uploaded captures only");
            else context.Captures.AddLive("the mailbox's ports (live)", capture.Bytes);
        }
        var page = WebOptions.Start(request.Spec, request.Password, context, "mailbox");
        if (page == null)
        {
            capture?.Dispose();
            return null;
        }
        Console.WriteLine($"web page: {page.Address} (the mail live, the device's timeline{(request.Operator != null ? ", a command form" : "")}, frames)");
        return new RunningPage(page, capture);
    }
}
