namespace System.Net.Sockets
{
    public enum SocketType
    {
        Stream = 1,
    }
}
