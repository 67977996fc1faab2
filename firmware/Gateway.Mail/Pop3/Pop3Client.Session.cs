using System;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Pop3;

/// <summary>
/// The steps that establish a POP3 session (AUTHORIZATION state, RFC 1939 4): greeting, CAPA, STLS and
/// the login policy, under one rule (<see cref="Establish"/>): any failure, an -ERR included, closes.
/// </summary>
public sealed partial class Pop3Client
{
    /// <summary>The policy of the steps that establish a session: any failure, an -ERR included, closes the connection.</summary>
    void Establish(Pop3Stage step)
    {
        if (_channel == null)
            throw new InvalidOperationException("not connected");
        _stage = step;
        bool done = false;
        try
        {
            switch (step)
            {
                case Pop3Stage.Greeting: Greet(); break;
                case Pop3Stage.Capa: Capa(); break;
                case Pop3Stage.Stls: Stls(); break;
                default: Login(); break;
            }
            done = true;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!done)
                Close();
        }
    }

    void Greet()
    {
        if (_options.Tls == TlsMode.Implicit && !_channel!.IsEncrypted)
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Connect, "connect: pop3.tls = implicit but the connection is not encrypted");
        _awaitingReply = true;
        var greeting = ReadStatus();
        if (!greeting.IsOk)
            throw new Pop3Exception(Pop3Stage.Greeting, greeting);
        Greeting = greeting.Text;
        _timestamp = Apop.FindTimestamp(greeting.Text);
    }

    void Capa()
    {
        _stage = Pop3Stage.Capa;
        var r = Exchange("CAPA", WholeLine);
        var caps = Pop3Capabilities.None;
        int loginDelay = 0;
        if (!r.IsOk)
        {
            caps = Pop3Capabilities.NoCapa; // RFC 1939 only: USER/PASS may still work, nothing else is known
        }
        else
        {
            int count = 0;
            while (NextLine())
            {
                if (++count > Pop3Limits.MaxCapaLines)
                    throw Broken(Pop3ErrorKind.Protocol, "CAPA: response longer than " + Ascii.FromInt(Pop3Limits.MaxCapaLines) + " lines");
                string line = _replies.LineText;
                if (Logging) LogDebug("S: " + Ascii.Excerpt(line, 200));
                caps |= Pop3CapabilityParser.Parse(line, ref loginDelay);
            }
            if (Logging) LogDebug("S: .");
        }
        if (_timestamp != null)
            caps |= Pop3Capabilities.Apop;
        Capabilities = caps;
        LoginDelaySeconds = loginDelay;
    }

    void Stls()
    {
        if (!Has(Pop3Capabilities.Stls))
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls,
                "STLS: the server does not offer STLS" + (Has(Pop3Capabilities.NoCapa) ? " (it does not even answer CAPA)" : "")
                + ", and pop3.tls = starttls: not continuing in clear");
        var r = Exchange("STLS", WholeLine);
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Stls, r);
        if (_replies.Buffered != 0)
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls,
                "STLS: the server sent data after agreeing to STLS; it could be injected by an attacker (RFC 2595 section 4)");
        _channel!.StartTls(_options.Host);
        if (!_channel.IsEncrypted)
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls, "STLS: the connection is still not encrypted");
        // RFC 2595 4: forget what was learned in clear and ask again.
        Capabilities = Pop3Capabilities.None;
        Capa();
    }

    void Login()
    {
        if (_options.User == null)
            throw new InvalidOperationException("no pop3.user: nothing to log in with");
        string user = _options.User;
        if (_options.Token != null)
        {
            RequireSecureLogin();
            if (!Has(Pop3Capabilities.SaslXOAuth2))
                throw new Pop3Exception(Pop3ErrorKind.Permanent, Pop3Stage.Auth, "login: pop3.token is set but the server does not offer SASL XOAUTH2");
            Sasl(new SaslXOAuth2(user, _options.Token));
        }
        else if (_options.UseApop && _timestamp != null)
        {
            // APOP sends a digest, never the password: allowed in clear (RFC 1939 7).
            string command = "APOP " + user + " " + Apop.Digest(_timestamp, _options.Password ?? "");
            Accepted("APOP", Exchange(command, 5 + user.Length));
        }
        else
        {
            RequireSecureLogin();
            string password = _options.Password ?? "";
            bool userPass = Has(Pop3Capabilities.User) || Has(Pop3Capabilities.NoCapa);
            if (Has(Pop3Capabilities.SaslPlain) && !(_options.PreferUserPass && userPass))
                Sasl(new SaslPlain(user, password));
            else if (userPass)
                UserPass(user, password);
            else if (Has(Pop3Capabilities.SaslLogin))
                Sasl(new SaslLogin(user, password));
            else
                throw new Pop3Exception(Pop3ErrorKind.Permanent, Pop3Stage.Auth,
                    "login: the server offers neither USER nor SASL PLAIN or LOGIN" + (_channel!.IsEncrypted ? "" : " on a clear connection"));
        }
        IsAuthenticated = true;
    }

    void RequireSecureLogin()
    {
        if (!SaslExchange.MaySendCredentials(_channel!.IsEncrypted, _options.Tls, _options.AllowPlainAuth))
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Auth,
                "login: refusing to send credentials over a clear connection (use pop3.tls = starttls or implicit; only a test server may have pop3.tls = none with pop3.allow-plain-auth = true)");
    }

    void UserPass(string user, string password)
    {
        var r = Exchange("USER " + user, WholeLine);
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Auth, r);
        Accepted("USER/PASS", Exchange("PASS " + password, 4));
    }

    void Sasl(ISaslMechanism mechanism)
    {
        var exchange = _sasl ?? (_sasl = new Pop3Sasl(this));
        try
        {
            exchange.Run(mechanism);
        }
        catch (SaslException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Protocol, Pop3Stage.Auth, "login: AUTH " + mechanism.Name + ": " + e.Message);
        }
        Accepted("AUTH " + mechanism.Name, exchange.Final!);
    }

    void Accepted(string method, Pop3Response r)
    {
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Auth, r);
        LoginMethod = method;
        LoginReply = r.ToString();
    }

    /// <summary>POP3's side of the one SASL exchange: "+ " is a challenge (RFC 5034 4), a status line the final reply.</summary>
    sealed class Pop3Sasl : SaslExchange
    {
        readonly Pop3Client _client;

        public Pop3Sasl(Pop3Client client)
        {
            _client = client;
        }

        public Pop3Response? Final { get; private set; }

        protected override int MaxCommandLine => Pop3Limits.MaxCommandLine;

        protected override void Send(string line, int shown) => _client.Send(line, shown);

        protected override bool ReadChallenge(out string challenge)
        {
            _client.CountRoundTrip();
            Final = _client._replies.ReadAuthReply(Pop3Stage.Auth, out challenge);
            if (_client.Logging) _client.LogDebug(Final == null ? "S: + " + Ascii.Excerpt(challenge, 200) : "S: " + Final.ToString());
            return Final == null;
        }
    }
}
