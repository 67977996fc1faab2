using System.Net.Sockets;

namespace System.Net
{
    public class IPAddress
    {
        IPAddress() => throw new NotImplementedException();

        public AddressFamily AddressFamily => throw new NotImplementedException();
    }
}
