namespace Gateway.Core.Net;

/// <summary>
/// A channel that can wait for the server without reading: what IMAP IDLE (RFC 2177) needs to sit on
/// a quiet connection until mail arrives or the device has other work, without a read timeout (after
/// which a TLS stream may not be usable any more). Channels without it get polled instead.
/// </summary>
public interface IWaitableChannel
{
    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for bytes to read (or the peer closing): true when a
    /// <see cref="IChannel.Read"/> would not block, false when the time passed quietly.
    /// </summary>
    bool WaitForData(int timeoutMs);
}
