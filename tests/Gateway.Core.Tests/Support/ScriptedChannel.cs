using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// An in-memory channel for unit tests of one parser or state machine: it hands out the server's
/// bytes in the chunks given (to imitate TCP fragmentation) and records everything written.
/// </summary>
public sealed class ScriptedChannel : IChannel, IWaitableChannel
{
    readonly Queue<byte[]> _chunks = new();
    readonly MemoryStream _written = new();

    public ScriptedChannel(params string[] chunks)
    {
        foreach (var c in chunks) _chunks.Enqueue(System.Text.Encoding.UTF8.GetBytes(c));
    }

    public static ScriptedChannel FromBytes(params byte[][] chunks)
    {
        var ch = new ScriptedChannel();
        foreach (var c in chunks) ch._chunks.Enqueue(c);
        return ch;
    }

    /// <summary>Splits <paramref name="text"/> into chunks of <paramref name="size"/> bytes.</summary>
    public static ScriptedChannel InPieces(string text, int size)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var ch = new ScriptedChannel();
        for (int i = 0; i < bytes.Length; i += size)
            ch._chunks.Enqueue(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)).ToArray());
        return ch;
    }

    public int Reads { get; private set; }
    public int Writes { get; private set; }
    public bool IsEncrypted { get; private set; }
    public bool Closed { get; private set; }
    public string Written => System.Text.Encoding.UTF8.GetString(_written.ToArray());
    public byte[] WrittenBytes => _written.ToArray();

    public int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        if (_chunks.Count == 0) return 0;
        var chunk = _chunks.Peek();
        int n = Math.Min(count, chunk.Length);
        Array.Copy(chunk, 0, buffer, offset, n);
        _chunks.Dequeue();
        if (n < chunk.Length) RequeueFront(chunk[n..]);
        return n;
    }

    void RequeueFront(byte[] rest)
    {
        var remaining = _chunks.ToArray();
        _chunks.Clear();
        _chunks.Enqueue(rest);
        foreach (var c in remaining) _chunks.Enqueue(c);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Writes++;
        _written.Write(buffer, offset, count);
    }

    public void StartTls(string host) => IsEncrypted = true;

    public void Close() => Closed = true;

    /// <summary>Never quiet: the next chunk, or the close, is there at once (an IMAP IDLE reads it).</summary>
    public bool WaitForData(int timeoutMs) => true;
}
