using System;
using System.Collections;
using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.SelfTest;

/// <summary>
/// A scripted server for one dialogue: steps of (what the client must have sent, what the server
/// answers). The client's bytes are compared as they come; a mismatch is recorded in
/// <see cref="Error"/> and the channel then reads as closed. It can be waited on (IMAP IDLE): data is
/// there when the server has something left to say without hearing more from the client.
/// </summary>
public sealed class ScriptChannel : IChannel, IWaitableChannel
{
    readonly ArrayList _client = new ArrayList();
    readonly ArrayList _server = new ArrayList();
    int _step;
    int _matched;
    byte[] _pending = new byte[0];
    int _pendingPos;
    readonly int _chunk;

    /// <param name="chunk">Largest piece handed to one Read (1 imitates a byte-at-a-time network).</param>
    public ScriptChannel(int chunk)
    {
        _chunk = chunk;
    }

    public string Error { get; private set; } = "";
    public bool IsEncrypted { get; private set; }
    public bool Done => _step == _client.Count && _pendingPos == _pending.Length && Error.Length == 0;

    /// <summary>The client sent everything the current step expects.</summary>
    public bool AllSent => Error.Length == 0 && (_step >= _client.Count || _matched == ((string)_client[_step]!).Length);

    public ScriptChannel Step(string client, string server)
    {
        _client.Add(client);
        _server.Add(server);
        return this;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_pendingPos == _pending.Length)
        {
            if (Error.Length > 0 || _step >= _client.Count) return 0;
            if (_matched != ((string)_client[_step]!).Length)
            {
                Error = "client read before sending \"" + Ascii.Excerpt(((string)_client[_step]!).Substring(_matched), 40) + "\"";
                return 0;
            }
            _pending = Utf8.GetBytes((string)_server[_step]!);
            _pendingPos = 0;
            _step++;
            _matched = 0;
            if (_pending.Length == 0) return 0;
        }
        int n = _pending.Length - _pendingPos;
        if (n > count) n = count;
        if (n > _chunk) n = _chunk;
        Array.Copy(_pending, _pendingPos, buffer, offset, n);
        _pendingPos += n;
        return n;
    }

    /// <summary>True at once when the server would answer now (or the script is over: a closed peer reads 0); false while it waits for the client.</summary>
    public bool WaitForData(int timeoutMs) => _pendingPos < _pending.Length || AllSent || Error.Length > 0;

    public void Write(byte[] buffer, int offset, int count)
    {
        string text = Utf8.Decode(buffer, offset, count);
        for (int i = 0; i < text.Length && Error.Length == 0; i++)
        {
            if (_step >= _client.Count)
            {
                Error = "client sent more than the script: \"" + Ascii.Excerpt(text, 40) + "\"";
                break;
            }
            string expected = (string)_client[_step]!;
            if (_matched >= expected.Length || expected[_matched] != text[i])
            {
                Error = "client sent \"" + Ascii.Excerpt(text, 40) + "\" where the script expects \"" + Ascii.Excerpt(expected.Substring(_matched < expected.Length ? _matched : expected.Length), 40) + "\"";
                break;
            }
            _matched++;
        }
    }

    public void StartTls(string host)
    {
        IsEncrypted = true;
    }

    public void Close()
    {
    }
}
