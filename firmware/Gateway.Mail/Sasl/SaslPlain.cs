using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Sasl;

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
        return Response();
    }

    public string Respond(string challenge)
    {
        // RFC 4954: a server may send an empty challenge when it did not take the initial response.
        if (_sent && challenge.Length > 0)
            throw new SaslException("PLAIN takes no challenge, but the server sent one");
        _sent = true;
        return Response();
    }

    /// <summary>
    /// NUL, user, NUL, password as bytes. Never built as a string: nanoFramework strings end at the
    /// first U+0000 (seen on nf-interpreter 1.17), so "\0user\0password" would lose both halves.
    /// </summary>
    string Response()
    {
        var user = Utf8.GetBytes(_user);
        var password = Utf8.GetBytes(_password);
        var b = new byte[2 + user.Length + password.Length];
        Array.Copy(user, 0, b, 1, user.Length);
        Array.Copy(password, 0, b, 2 + user.Length, password.Length);
        return Base64.Encode(b);
    }
}
