using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Sasl;

/// <summary>
/// XOAUTH2 (Google and Microsoft): "user=U^Aauth=Bearer T^A^A" as the initial response. On failure
/// the server sends a base64 JSON error as a challenge; the client answers with an empty line and
/// the server then sends the final error reply.
/// </summary>
public sealed class SaslXOAuth2 : ISaslMechanism
{
    readonly string _user;
    readonly string _token;
    int _challenges;

    public SaslXOAuth2(string user, string bearerToken)
    {
        _user = user;
        _token = bearerToken;
    }

    public string Name => "XOAUTH2";

    /// <summary>The server's JSON error text from a failed attempt, decoded, or null.</summary>
    public string? ServerError { get; private set; }

    public string? InitialResponse() =>
        Base64.EncodeUtf8(("user=" + _user + "\u0001auth=Bearer " + _token + "\u0001\u0001"));

    public string Respond(string challenge)
    {
        if (++_challenges > 1)
            throw new SaslException("XOAUTH2 takes at most one error challenge, but the server sent more");
        try
        {
            ServerError = Utf8.Decode(Convert.FromBase64String(challenge));
        }
        catch (FormatException)
        {
            ServerError = challenge;
        }
        return "";
    }
}
