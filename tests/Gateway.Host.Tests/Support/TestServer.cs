using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gateway.Host.Tests.Support;

/// <summary>
/// A one-connection TCP server on 127.0.0.1 that runs a small script for the peer on its own thread:
/// enough to test the host connector against a real socket and a real TLS handshake.
/// </summary>
public sealed class TestServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly Thread _thread;
    Exception? _failure;

    public TestServer(Action<Connection> script)
    {
        _listener.Start();
        _thread = new Thread(() =>
        {
            try
            {
                using var client = _listener.AcceptTcpClient();
                client.ReceiveTimeout = 10_000;
                client.SendTimeout = 10_000;
                script(new Connection(client));
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                _failure = e; // the client hung up or refused: the test asserts the client's side
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Exception? Failure => _failure;

    public void Dispose()
    {
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(15));
    }

    public sealed class Connection(TcpClient client)
    {
        Stream _stream = client.GetStream();

        public void Send(string text)
        {
            var b = Encoding.ASCII.GetBytes(text);
            _stream.Write(b, 0, b.Length);
            _stream.Flush();
        }

        public string ReadLine()
        {
            var sb = new StringBuilder();
            int c;
            while ((c = _stream.ReadByte()) >= 0 && c != '\n') sb.Append((char)c);
            return sb.ToString().TrimEnd('\r');
        }

        public void UpgradeToTls(X509Certificate2 cert)
        {
            var tls = new SslStream(_stream, false);
            tls.AuthenticateAsServer(cert, false, System.Security.Authentication.SslProtocols.None, false);
            _stream = tls;
        }

        /// <summary>Holds the connection open without sending, until the client gives up.</summary>
        public void StaySilent()
        {
            var b = new byte[1];
            try { while (_stream.Read(b, 0, 1) > 0) { } }
            catch (IOException) { }
        }
    }
}
