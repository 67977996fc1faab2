using Gateway.Core.Net;

namespace Gateway.Fuzz.Support;

/// <summary>A server that answers with the fuzz input, whatever is asked, then closes (Read returns 0); what the client sent is kept.</summary>
public sealed class ByteChannel(byte[] input) : IChannel, IWaitableChannel
{
    readonly MemoryStream _written = new();
    int _at;

    /// <summary>Every byte the client wrote, for targets that check what went out.</summary>
    public byte[] Written => _written.ToArray();

    public bool IsEncrypted { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, input.Length - _at);
        Array.Copy(input, _at, buffer, offset, n);
        _at += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

    public void StartTls(string host) => IsEncrypted = true;

    /// <summary>Never quiet: what is left of the input, or the close, is there at once (IMAP IDLE reads it).</summary>
    public bool WaitForData(int timeoutMs) => true;

    public void Close()
    {
    }
}
