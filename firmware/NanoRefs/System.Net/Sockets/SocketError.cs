namespace System.Net.Sockets
{
    public enum SocketError : int
    {
        TimedOut = 10000 + 60,
    }
}
