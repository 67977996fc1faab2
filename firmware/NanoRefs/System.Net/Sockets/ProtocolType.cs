namespace System.Net.Sockets
{
    public enum ProtocolType
    {
        Tcp = 6,
    }
}
