using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace System.Net.Security
{
    public class SslStream : NetworkStream
    {
        public SslStream(Socket socket) : base(socket, false) => throw new NotImplementedException();

        public SslVerification SslVerification { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }

        public override bool DataAvailable { get => throw new NotImplementedException(); }

        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) => throw new NotImplementedException();
    }
}
