using System.CommandLine;
using System.Net;
using Gateway.DevMail;

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
        var command = new Command("mailbox", "Run a local mail server (SMTP + POP3) for the gateway until Ctrl-C.")
        {
            dir, smtpPort, pop3Port, pop3sPort, tls, tlsName, bind, allowPlain, users,
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
            return Run(options);
        });
        return command;
    }

    static int Run(DevMailOptions options)
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
        Console.WriteLine("Ctrl-C stops; the messages stay in the folder.");

        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        stop.Wait();
        server.StopAsync().GetAwaiter().GetResult();
        Console.WriteLine($"stopped; {string.Join(", ", server.Store.Mailboxes.Select(m => $"{m}: {server.Store.List(m).Count} message(s)"))} kept in {server.Store.Directory}");
        return 0;
    }
}
