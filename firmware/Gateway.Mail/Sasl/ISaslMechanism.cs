namespace Gateway.Mail.Sasl;

/// <summary>
/// One SASL mechanism (RFC 4422) as SMTP AUTH (RFC 4954) and POP3 AUTH (RFC 5034) use it: an
/// optional initial response, then an answer to each server challenge. Responses are base64 text.
/// </summary>
public interface ISaslMechanism
{
    /// <summary>The name sent after AUTH: "PLAIN", "LOGIN", "XOAUTH2".</summary>
    string Name { get; }

    /// <summary>The base64 initial response sent with the AUTH command, or null to wait for a challenge.</summary>
    string? InitialResponse();

    /// <summary>The base64 answer to a base64 server challenge.</summary>
    /// <exception cref="SaslException">The exchange went on longer than the mechanism allows.</exception>
    string Respond(string challenge);
}
