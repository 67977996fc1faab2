using Gateway.Core.Net;

namespace Gateway.Fuzz.Support;

/// <summary>A server that answers with the fuzz input, whatever is asked, then closes (Read returns 0).</summary>
public sealed class ByteChannel(byte[] input) : IChannel
{
    int _at;

    public bool IsEncrypted { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, input.Length - _at);
        Array.Copy(input, _at, buffer, offset, n);
        _at += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
    }

    public void StartTls(string host) => IsEncrypted = true;

    public void Close()
    {
    }
}
