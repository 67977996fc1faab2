namespace System.Net
{
    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port) => throw new NotImplementedException();
    }
}
