using Gateway.Core.Net;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Imap;

/// <summary>
/// The IMAP login: the credential rule, the method the gateway chooses (XOAUTH2 for a token,
/// AUTHENTICATE PLAIN, else LOGIN), and IMAP's side of the one <see cref="SaslExchange"/> that SMTP
/// and POP3 run too.
/// </summary>
public sealed partial class ImapClient
{
    ImapSasl? _sasl; // made at the first login, then kept: no allocation per session

    void Login()
    {
        string user = _options.User!;
        if (!SaslExchange.MaySendCredentials(_channel!.IsEncrypted, _options.Tls, _options.AllowPlainAuth))
            throw new ImapException(ImapErrorKind.Security, "login",
                "refusing to send credentials over a clear connection (use imap.tls = starttls or implicit; only a test server may have imap.tls = none with imap.allow-plain-auth = true)");
        if (_options.Token != null)
        {
            if (!Has(ImapCapabilities.AuthXOAuth2))
                throw new ImapException(ImapErrorKind.Permanent, "login", "imap.token is set but the server does not offer AUTH=XOAUTH2");
            Authenticate(new SaslXOAuth2(user, _options.Token));
        }
        else if (Has(ImapCapabilities.AuthPlain))
        {
            Authenticate(new SaslPlain(user, _options.Password ?? ""));
        }
        else if (!Has(ImapCapabilities.LoginDisabled))
        {
            Exec("LOGIN", Quote(user) + " " + Quote(_options.Password ?? ""), "LOGIN " + Quote(user) + " " + SaslExchange.Mask);
        }
        else
        {
            throw new ImapException(ImapErrorKind.Permanent, "login", "the server offers neither AUTHENTICATE PLAIN nor LOGIN");
        }
        IsAuthenticated = true;
    }

    /// <summary>AUTHENTICATE (RFC 9051 6.2.2) through the one SASL exchange; a NO carries its code (AUTHENTICATIONFAILED).</summary>
    void Authenticate(ISaslMechanism mechanism)
    {
        Begin("AUTHENTICATE");
        var exchange = _sasl ?? (_sasl = new ImapSasl(this));
        bool ok = false;
        try
        {
            try
            {
                exchange.Run(mechanism);
            }
            catch (SaslException e)
            {
                throw new ImapException(ImapErrorKind.Protocol, "AUTHENTICATE", mechanism.Name + ": " + e.Message);
            }
            ok = true;
            if (!exchange.Final!.IsOk)
                throw new ImapException("AUTHENTICATE " + mechanism.Name, exchange.Final);
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!ok) Close();
        }
    }

    /// <summary>IMAP's side of the one SASL exchange: a tagged command, "+ " a challenge, the tagged status the final reply.</summary>
    sealed class ImapSasl : SaslExchange
    {
        /// <summary>RFC 4959: with SASL-IR the initial response rides on the command line; a line this long is within every server's limit.</summary>
        const int SaslIrLineLimit = 8192;

        readonly ImapClient _client;
        string _tag = "";

        public ImapSasl(ImapClient client)
        {
            _client = client;
        }

        public ImapStatus? Final { get; private set; }

        protected override string AuthCommand(string mechanism)
        {
            _tag = _client.NextTag();
            return _tag + " AUTHENTICATE " + mechanism;
        }

        /// <summary>Without SASL-IR no initial response fits: it answers the first (empty) continuation.</summary>
        protected override int MaxCommandLine => _client.Has(ImapCapabilities.SaslIr) ? SaslIrLineLimit : 0;

        protected override void Send(string line, int shown) => _client.Send(line, _client.Logging ? Shown(line, shown) : null);

        protected override bool ReadChallenge(out string challenge)
        {
            Final = _client.ReadUntilTagged(_tag);
            challenge = Final == null ? _client._continuation ?? "" : "";
            return Final == null;
        }
    }
}
