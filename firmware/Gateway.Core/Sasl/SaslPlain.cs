using System;
using Gateway.Core.Text;

namespace Gateway.Core.Sasl;

/// <summary>RFC 4616 PLAIN: one response, "\0user\0password", sent with the command.</summary>
public sealed class SaslPlain : ISaslMechanism
{
    readonly string _user;
    readonly string _password;
    bool _sent;

    public SaslPlain(string user, string password)
    {
        _user = user;
        _password = password;
    }

    public string Name => "PLAIN";

    public string? InitialResponse()
    {
        _sent = true;
        return Convert.ToBase64String(Utf8.GetBytes("\0" + _user + "\0" + _password));
    }

    public string Respond(string challenge)
    {
        // RFC 4954: a server may send an empty challenge when it did not take the initial response.
        if (_sent && challenge.Length > 0)
            throw new SaslException("PLAIN takes no challenge, but the server sent one");
        _sent = true;
        return Convert.ToBase64String(Utf8.GetBytes("\0" + _user + "\0" + _password));
    }
}
