namespace System.Net
{
    public class IPHostEntry
    {
        public IPAddress[] AddressList => throw new NotImplementedException();
    }
}
