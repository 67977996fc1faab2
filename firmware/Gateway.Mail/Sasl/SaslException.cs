using System;

namespace Gateway.Mail.Sasl;

/// <summary>The server's challenges did not follow the mechanism (e.g. a LOGIN exchange that never ends).</summary>
public class SaslException : Exception
{
    public SaslException(string message)
        : base(message)
    {
    }
}
