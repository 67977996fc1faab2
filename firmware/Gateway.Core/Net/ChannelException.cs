using System;

namespace Gateway.Core.Net;

/// <summary>A failure of the connection itself, as opposed to a refusal by the server.</summary>
public class ChannelException : Exception
{
    public ChannelException(ChannelError error, string message)
        : base(message)
    {
        Error = error;
    }

    public ChannelException(ChannelError error, string message, Exception inner)
        : base(message, inner)
    {
        Error = error;
    }

    public ChannelError Error { get; }
}
