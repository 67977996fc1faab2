namespace System.Net.Sockets
{
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) => throw new NotImplementedException();

        public int ErrorCode => throw new NotImplementedException();
    }
}
