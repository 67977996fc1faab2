using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Smtp;

/// <summary>
/// SMTP AUTH (RFC 4954): the credential rule, the mechanism the gateway chooses, and SMTP's side of
/// the one <see cref="SaslExchange"/> that POP3 runs too.
/// </summary>
public sealed partial class SmtpClient
{
    void Authenticate()
    {
        _stage = SmtpStage.Auth;
        if (!SaslExchange.MaySendCredentials(_channel!.IsEncrypted, _options.Tls, _options.AllowPlainAuth))
            throw new SmtpException(SmtpErrorKind.Security, SmtpStage.Auth,
                "refusing to send credentials over a clear connection (use smtp.tls = starttls or implicit; only a test server may have smtp.tls = none with smtp.allow-plain-auth = true)");
        var mechanism = ChooseMechanism();
        var exchange = _sasl ?? (_sasl = new SmtpSasl(this));
        try
        {
            exchange.Run(mechanism);
        }
        catch (SaslException e)
        {
            throw new SmtpException(SmtpErrorKind.Protocol, SmtpStage.Auth, e.Message);
        }
        if (exchange.Final!.Code != 235)
            throw new SmtpException(SmtpStage.Auth, exchange.Final);
        LoginMethod = "AUTH " + mechanism.Name;
        LoginReply = exchange.Final;
    }

    /// <summary>How the last login went in ("AUTH PLAIN"), "" before one.</summary>
    public string LoginMethod { get; private set; } = "";

    /// <summary>The server's 235 to the last login.</summary>
    public SmtpReply? LoginReply { get; private set; }

    SmtpSasl? _sasl; // made at the first login, then kept: no allocation per session

    /// <summary>SMTP's side of the one SASL exchange: 334 is a challenge (RFC 4954 4), any other reply the final one.</summary>
    sealed class SmtpSasl : SaslExchange
    {
        /// <summary>RFC 4954 4: an AUTH command line may be up to 12288 octets, so the initial response always fits.</summary>
        const int AuthLineLimit = 12288;

        readonly SmtpClient _client;

        public SmtpSasl(SmtpClient client)
        {
            _client = client;
        }

        public SmtpReply? Final { get; private set; }

        protected override int MaxCommandLine => AuthLineLimit;

        protected override void Send(string line, int shown)
        {
            if (_client.Logging)
                _client.Log("C: " + Shown(line, shown));
            _client._writer.WriteLine(line);
            _client.Flush();
        }

        protected override bool ReadChallenge(out string challenge)
        {
            var reply = _client.ReadReply(true); // the final reply's text is what the doctor shows
            Final = reply.Code == 334 ? null : reply;
            challenge = reply.Code == 334 ? reply.Text : "";
            return reply.Code == 334;
        }
    }

    ISaslMechanism ChooseMechanism()
    {
        string user = _options.User!;
        if (_options.Token != null)
        {
            if (!Has(SmtpCapabilities.AuthXOAuth2))
                throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.Auth, "smtp.token is set but the server does not offer AUTH XOAUTH2");
            return new SaslXOAuth2(user, _options.Token);
        }
        string password = _options.Password ?? "";
        if (Has(SmtpCapabilities.AuthPlain))
            return new SaslPlain(user, password);
        if (Has(SmtpCapabilities.AuthLogin))
            return new SaslLogin(user, password);
        if ((Capabilities & (SmtpCapabilities.AuthXOAuth2 | SmtpCapabilities.AuthCramMd5 | SmtpCapabilities.AuthOther)) != 0)
            throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.Auth, "the server offers neither AUTH PLAIN nor LOGIN for a password");
        throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.Auth, "the server offers no AUTH" + (_channel!.IsEncrypted ? "" : " on a clear connection (servers often offer it only after STARTTLS)"));
    }
}
