using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Net;

namespace Gateway.Firmware.Net;

/// <summary>
/// One TCP connection on the device: the Socket in clear, then an SslStream over the same Socket once
/// TLS is up (implicit, or after STARTTLS/STLS). Closing it frees the mbedTLS context at once: a board
/// without PSRAM can hold only one TLS session. It can wait for data without reading (IMAP IDLE).
/// </summary>
public sealed class DeviceChannel : IChannel, IWaitableChannel
{
    // Socket.Poll takes microseconds in an int: about 35 minutes at most (IDLE's keep-alive is at most 29).
    const int MaxWaitMs = int.MaxValue / 1000;

    readonly Socket _socket;
    readonly string _endpoint;
    readonly X509Certificate? _ca;
    readonly AnswerDeadline _answer;
    SslStream? _tls;
    bool _closed;

    internal DeviceChannel(Socket socket, string endpoint, X509Certificate? ca, int timeoutMs)
    {
        _socket = socket;
        _endpoint = endpoint;
        _ca = ca;
        _answer = new AnswerDeadline(timeoutMs, NowMs());
    }

    /// <summary>
    /// Milliseconds for the answer's deadline. The mscorlib of nanoFramework has no Environment.TickCount;
    /// the RTC only jumps when SNTP first sets it, before any session starts.
    /// </summary>
    static long NowMs() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;

    public bool IsEncrypted => _tls != null;

    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            // The socket timeout bounds one read (SslStream reads with it too); the deadline bounds the
            // whole answer, so a server that trickles a byte at a time cannot hold the board.
            long left = _answer.NextReadMs(NowMs());
            if (left <= 0) throw _answer.TooSlow(_endpoint);
            _socket.ReceiveTimeout = (int)left;
            int n = _tls != null ? _tls.Read(buffer, offset, count) : _socket.Receive(buffer, offset, count, SocketFlags.None);
            _answer.Received(n, NowMs());
            return n;
        }
        catch (SocketException e)
        {
            var translated = Translate(e, "reading from");
            throw translated.Error == ChannelError.Timeout && _answer.HasProgress ? _answer.TooSlow(_endpoint) : translated;
        }
        catch (IOException e)
        {
            throw Translate(e, "reading from");
        }
        catch (ObjectDisposedException e)
        {
            throw Translate(e, "reading from");
        }
    }

    /// <summary>
    /// Waits without reading, so no read timeout can fire inside a TLS record: first the bytes mbedTLS
    /// already decrypted (a socket poll cannot see them), then Socket.Poll, which is also true when the
    /// server closed or reset the connection; the read that follows says which. Data after a wait is the
    /// server speaking unprompted (EXISTS, "* OK Still here"): its answer gets a whole timeout.
    /// </summary>
    public bool WaitForData(int timeoutMs)
    {
        if (_closed) return true;
        try
        {
            int ms = timeoutMs <= 0 ? 0 : timeoutMs > MaxWaitMs ? MaxWaitMs : timeoutMs;
            bool ready = (_tls != null && _tls.DataAvailable) || _socket.Poll(ms * 1000, SelectMode.SelectRead);
            if (ready) _answer.Restart(NowMs());
            return ready;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            if (_tls != null)
            {
                _tls.Write(buffer, offset, count);
            }
            else
            {
                while (count > 0)
                {
                    // Socket.Send may take part of the buffer (lwIP's send window): send the rest.
                    int sent = _socket.Send(buffer, offset, count, SocketFlags.None);
                    if (sent <= 0) throw new ChannelException(ChannelError.ConnectionLost, "connection lost writing to " + _endpoint);
                    offset += sent;
                    count -= sent;
                }
            }
            // A command went out: its answer gets a whole timeout.
            _answer.Restart(NowMs());
        }
        catch (SocketException e)
        {
            throw Translate(e, "writing to");
        }
        catch (IOException e)
        {
            throw Translate(e, "writing to");
        }
        catch (ObjectDisposedException e)
        {
            throw Translate(e, "writing to");
        }
    }

    public void StartTls(string host)
    {
        if (_tls != null) throw new InvalidOperationException("the connection is already encrypted");
        // SslStream(Socket) wraps the socket the clear-text dialogue ran on: STARTTLS upgrades in place.
        var tls = new SslStream(_socket);
        tls.SslVerification = SslVerification.CertificateRequired;
        try
        {
            // TLS 1.2 is the firmware's floor; the CA from smtp.ca/pop3.ca, or the device store when null.
            tls.AuthenticateAsClient(host, null, _ca, SslProtocols.Tls12);
        }
        catch (Exception e)
        {
            tls.Dispose();
            _closed = true;
            var socketError = e as SocketException;
            if (socketError != null && socketError.ErrorCode == (int)SocketError.TimedOut)
                throw new ChannelException(ChannelError.Timeout, "timed out in the TLS handshake with " + _endpoint, e);
            // The native layer reports every handshake failure, a rejected certificate included, as a
            // SocketException with mbedTLS's code: the code is logged, the kind stays TlsFailed.
            string code = socketError != null ? " (error " + socketError.ErrorCode.ToString() + ")" : "";
            throw new ChannelException(ChannelError.TlsFailed, "the TLS handshake with " + _endpoint + " failed" + code + ": " + e.Message, e);
        }
        _tls = tls;
        _answer.Restart(NowMs());
    }

    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            // SslStream.Dispose closes the socket and exits the TLS context; in clear, close the socket.
            if (_tls != null) _tls.Dispose();
            else _socket.Close();
        }
        catch (Exception)
        {
            // Closing a connection the server already dropped is not an error.
        }
        _tls = null;
    }

    ChannelException Translate(Exception e, string action)
    {
        var socketError = e as SocketException;
        if (socketError != null && socketError.ErrorCode == (int)SocketError.TimedOut)
            return new ChannelException(ChannelError.Timeout, "timed out " + action + " " + _endpoint, e);
        return new ChannelException(ChannelError.ConnectionLost, "connection lost " + action + " " + _endpoint + ": " + e.Message, e);
    }
}
