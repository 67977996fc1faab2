namespace System.Net.Sockets
{
    public enum SelectMode
    {
        SelectRead = 0,
    }
}
