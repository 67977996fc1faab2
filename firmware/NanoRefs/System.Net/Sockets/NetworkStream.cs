using System.IO;

namespace System.Net.Sockets
{
    public class NetworkStream : Stream
    {
        /// <summary>The constructor SslStream's calls.</summary>
        public NetworkStream(Socket socket, bool ownsSocket) => throw new NotImplementedException();

        public virtual bool DataAvailable { get => throw new NotImplementedException(); }

        public override void Flush() => throw new NotImplementedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();
    }
}
