using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Sasl;

/// <summary>
/// The LOGIN mechanism (draft-murchison-sasl-login): the user name, then the password, each in
/// answer to a challenge. A third challenge is a broken or hostile server: refused.
/// </summary>
public sealed class SaslLogin : ISaslMechanism
{
    readonly string _user;
    readonly string _password;
    int _step;

    public SaslLogin(string user, string password)
    {
        _user = user;
        _password = password;
    }

    public string Name => "LOGIN";

    public string? InitialResponse() => null;

    public string Respond(string challenge)
    {
        _step++;
        if (_step == 1) return Base64.EncodeUtf8(_user);
        if (_step == 2) return Base64.EncodeUtf8(_password);
        throw new SaslException("LOGIN takes two challenges, but the server sent more");
    }
}
