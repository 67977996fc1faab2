using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Net;

namespace Gateway.Host.Net;

/// <summary>
/// One TCP connection, in clear or TLS. STARTTLS wraps the same socket, so the upgrade happens on
/// the connection the server just agreed on. Every failure surfaces as a <see cref="ChannelException"/>.
/// <see cref="Close"/> disposes everything the channel holds (socket, streams, the server's certificate,
/// the doctor's copies) at once: a gateway polling every second must not leave native memory to the finalizer.
/// </summary>
public sealed class SocketChannel : IChannel, IWaitableChannel
{
    readonly Socket _socket;
    readonly string _endpoint;
    readonly TlsTrust _trust;
    readonly int _timeoutMs;
    Stream _stream;
    SslStream? _tls;
    readonly AnswerDeadline _answer;
    readonly OwnedCounts _owned;
    readonly bool _keepPeer;
    X509Certificate2? _remote; // the server's certificate: SslStream disposes it only when RemoteCertificate was never read
    bool _closed;

    internal SocketChannel(Socket socket, string host, int port, TlsTrust trust, OwnedCounts owned, bool keepPeer)
    {
        _owned = owned;
        _keepPeer = keepPeer;
        _socket = _owned.Own(socket);
        _endpoint = host + ":" + port;
        _trust = trust;
        _timeoutMs = socket.ReceiveTimeout;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _answer = new AnswerDeadline(_timeoutMs, Environment.TickCount64);
    }

    public bool IsEncrypted => _tls != null;

    /// <summary>The negotiated TLS version and cipher, for logs and the doctor.</summary>
    public string? TlsDescription => _tls == null ? null : $"{_tls.SslProtocol} {_tls.NegotiatedCipherSuite}";

    /// <summary>The server's certificate once TLS is up, until <see cref="Close"/> disposes it.</summary>
    public X509Certificate? RemoteCertificate => _tls?.RemoteCertificate;

    /// <summary>
    /// With a connector that keeps them (the doctor's): a copy of the certificate the server presented in the
    /// last handshake, kept even when it was refused; null otherwise. Disposed by <see cref="ReleasePeerCertificates"/> (the doctor, when done).
    /// </summary>
    public X509Certificate2? PeerCertificate { get; private set; }

    /// <summary>The chain built for <see cref="PeerCertificate"/>, leaf first (copies, kept as <see cref="PeerCertificate"/>; empty when none).</summary>
    public X509Certificate2[] PeerChain { get; private set; } = [];

    /// <summary>What trusted the certificate: "system store", the CA file's path, or "pin"; empty before TLS.</summary>
    public string TrustedBy { get; private set; } = "";

    /// <summary>Why the last handshake's certificate was refused, or null.</summary>
    public string? TrustRejection { get; private set; }

    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            if (_timeoutMs > 0)
            {
                // The socket timeout bounds one read; the deadline bounds the whole answer (a slow-drip server).
                long left = _answer.NextReadMs(Environment.TickCount64);
                if (left <= 0)
                    throw _answer.TooSlow(_endpoint);
                _socket.ReceiveTimeout = (int)left;
            }
            int n = _stream.Read(buffer, offset, count);
            _answer.Received(n, Environment.TickCount64);
            return n;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            var translated = Translate(e, "reading from");
            // Some of the answer came, the rest not in time: say it was the trickle, not silence.
            throw translated.Error == ChannelError.Timeout && _answer.HasProgress ? _answer.TooSlow(_endpoint) : translated;
        }
    }

    /// <summary>
    /// IMAP IDLE's wait: the socket has bytes (or the peer closed or reset it). Bytes already decrypted
    /// and kept inside the TLS stream are not seen here; the client reads whole responses, so that only
    /// delays a second response packed in the same TLS record until the next wait. Data after a wait is the
    /// server speaking unprompted (EXISTS, "* OK Still here"): its answer gets a whole timeout, not what is
    /// left of the one the IDLE command started minutes ago.
    /// </summary>
    public bool WaitForData(int timeoutMs)
    {
        try
        {
            bool ready = _socket.Poll(TimeSpan.FromMilliseconds(timeoutMs <= 0 ? 0 : timeoutMs), SelectMode.SelectRead);
            if (ready) _answer.Restart(Environment.TickCount64);
            return ready;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true; // the read that follows reports what happened
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
            _answer.Restart(Environment.TickCount64); // a command went out: its answer gets a whole timeout
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw Translate(e, "writing to");
        }
    }

    public void StartTls(string host)
    {
        if (_tls != null)
            throw new InvalidOperationException("the connection is already encrypted");
        string? rejection = null;
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, cert, chain, errors) =>
        {
            // The chain's certificates, and the ones the server sent (its ExtraStore), are made for this callback:
            // SslStream disposes the chain, not them.
            var made = chain == null ? [] : chain.ChainElements.Select(e => e.Certificate).Concat(chain.ChainPolicy.ExtraStore).Select(_owned.Own).ToArray();
            try
            {
                TakeRemote(cert);
                if (_keepPeer)
                    KeepPeer(cert, chain);
                rejection = _trust.Check(cert, chain, errors, out var by);
                TrustedBy = by;
                TrustRejection = rejection;
                return rejection == null;
            }
            finally
            {
                foreach (var c in made)
                    c.Dispose();
            }
        });
        if (_timeoutMs > 0) _socket.ReceiveTimeout = _timeoutMs; // a read may have left less
        try
        {
            tls.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13, // the device's floor too
                CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            });
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or ObjectDisposedException)
        {
            tls.Dispose();
            ReleaseRemote();
            if (rejection != null)
                throw new ChannelException(ChannelError.CertificateRejected, $"TLS with {_endpoint} refused: {rejection}", e);
            var translated = Translate(e, "the TLS handshake with");
            if (translated.Error == ChannelError.Timeout)
                throw translated;
            throw new ChannelException(ChannelError.TlsFailed, $"the TLS handshake with {_endpoint} failed: {Innermost(e)}", e);
        }
        _tls = _owned.Own(tls);
        _stream = tls;
        _answer.Restart(Environment.TickCount64);
    }

    /// <summary>Closes the connection and disposes what it holds; closing again does nothing.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Closing a connection the server already dropped is not an error.
        }
        finally
        {
            ReleaseRemote();
            // The doctor's copies outlive the connection: a client closes it on a refused handshake, and the
            // doctor still prints the certificate. It releases them when it is done (ReleasePeerCertificates).
            if (!_keepPeer) ReleasePeer();
        }
    }

    /// <summary>Disposes the copies kept for the doctor (<see cref="PeerCertificate"/>, <see cref="PeerChain"/>).</summary>
    public void ReleasePeerCertificates() => ReleasePeer();

    // The callback's certificate is the object SslStream.RemoteCertificate returns later.
    void TakeRemote(X509Certificate? cert)
    {
        if (cert is X509Certificate2 c && !ReferenceEquals(c, _remote))
        {
            ReleaseRemote();
            _remote = _owned.Own(c);
        }
    }

    void ReleaseRemote()
    {
        _remote?.Dispose();
        _remote = null;
    }

    void KeepPeer(X509Certificate? cert, X509Chain? chain)
    {
        ReleasePeer();
        if (cert != null)
            PeerCertificate = _owned.Own(new X509Certificate2(cert));
        PeerChain = chain == null ? [] : chain.ChainElements.Select(e => _owned.Own(new X509Certificate2(e.Certificate))).ToArray();
    }

    void ReleasePeer()
    {
        PeerCertificate?.Dispose();
        PeerCertificate = null;
        foreach (var c in PeerChain)
            c.Dispose();
        PeerChain = [];
    }

    ChannelException Translate(Exception e, string action)
    {
        var socketError = (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode;
        if (socketError == SocketError.TimedOut || socketError == SocketError.WouldBlock)
            return new ChannelException(ChannelError.Timeout, $"timed out {action} {_endpoint} (the timeout is {_timeoutMs} ms)", e);
        return new ChannelException(ChannelError.ConnectionLost, $"connection lost {action} {_endpoint}: {Innermost(e)}", e);
    }

    static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message;
    }
}
