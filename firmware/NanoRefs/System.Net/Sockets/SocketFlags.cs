namespace System.Net.Sockets
{
    [Flags]
    public enum SocketFlags
    {
        None = 0x0000,
    }
}
