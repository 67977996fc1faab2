using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Gateway.DevMail.Smtp;

/// <summary>
/// What the SMTP side decides, for the SmtpServer package: who may log in, which recipients are
/// ours (others are relay and refused), and where accepted mail goes (the store, one copy per
/// recipient mailbox, with a Received line on top).
/// </summary>
sealed class SmtpPolicy(DevMailServer owner) : IMailboxFilter, IUserAuthenticator, IMessageStore
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var address = to.AsAddress();
        if (owner.Store.Has(address))
            return Task.FromResult(true);
        bool ourDomain = owner.Options.Users.Any(u => u.Domain.Equals(to.Host, StringComparison.OrdinalIgnoreCase));
        owner.Raise(new MailEvent(MailEventKind.RecipientRefused, "SMTP", Remote: Remote(context),
            Detail: (ourDomain ? "no such mailbox: " : "relay refused: ") + address));
        if (ourDomain)
            throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 No such mailbox here"));
        // 554 5.7.1 as Postfix says it (the package's RelayDenied is 551, "user not local", which invites a retry elsewhere).
        throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.TransactionFailed, "5.7.1 Relay access denied: this server only holds " + string.Join(", ", owner.Domains)));
    }

    public async Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        if (owner.CheckPassword(user, password))
            return true;
        owner.Raise(new MailEvent(MailEventKind.LoginFailed, "SMTP", Mailbox: user, Remote: Remote(context)));
        await Task.Delay(owner.Options.AuthFailureDelay, cancellationToken).ConfigureAwait(false);
        return false;
    }

    public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length > owner.Options.MaxMessageSize)
            return Task.FromResult(new SmtpResponse(SmtpReplyCode.SizeLimitExceeded, "5.3.4 Message too big"));
        var message = Compose(context, transaction, buffer);
        foreach (var mailbox in transaction.To.Select(t => t.AsAddress().ToLowerInvariant()).Distinct())
        {
            var stored = owner.Store.Add(mailbox, message);
            owner.Raise(new MailEvent(MailEventKind.MessageStored, "SMTP", mailbox, stored.MessageId, stored.Subject, stored.Uidl, Remote(context),
                $"{stored.Size} bytes from {transaction.From.AsAddress()}"));
        }
        return Task.FromResult(SmtpResponse.Ok);
    }

    /// <summary>A Received line, then the message with every line ended by CRLF (so POP3 sizes are exact).</summary>
    byte[] Compose(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer)
    {
        var with = "ESMTP" + (context.Pipe.IsSecure ? "S" : "") + (context.Authentication.IsAuthenticated ? "A" : "");
        var received = $"Return-Path: <{transaction.From.AsAddress()}>\r\n" +
                       $"Received: from [{RemoteAddress(context)}] by {owner.Options.ServerName} (Gateway DevMail) with {with}; " +
                       DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture) + "\r\n";
        var output = new ArrayBufferWriter<byte>((int)buffer.Length + received.Length + 64);
        output.Write(Encoding.ASCII.GetBytes(received));
        byte previous = (byte)'\n';
        foreach (var segment in buffer)
        {
            var span = segment.Span;
            for (int i = 0; i < span.Length; i++)
            {
                byte b = span[i];
                if (b == '\n' && previous != '\r') output.Write("\r"u8);
                else if (previous == '\r' && b != '\n') output.Write("\n"u8);
                output.Write(new ReadOnlySpan<byte>(in span[i]));
                previous = b;
            }
        }
        if (previous == '\r') output.Write("\n"u8);
        else if (previous != '\n') output.Write("\r\n"u8);
        return output.WrittenSpan.ToArray();
    }

    static string? Remote(ISessionContext context) =>
        context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var ep) ? ep?.ToString() : null;

    static string RemoteAddress(ISessionContext context) =>
        context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var ep) && ep is IPEndPoint ip
            ? ip.Address.ToString() : "unknown";
}
