namespace System.Net.Sockets
{
    public class Socket
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw new NotImplementedException();

        public int ReceiveTimeout { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }

        public int SendTimeout { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }

        public void Connect(EndPoint remoteEP) => throw new NotImplementedException();

        public void Close() => throw new NotImplementedException();

        public bool Poll(int microSeconds, SelectMode mode) => throw new NotImplementedException();

        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw new NotImplementedException();

        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw new NotImplementedException();
    }
}
