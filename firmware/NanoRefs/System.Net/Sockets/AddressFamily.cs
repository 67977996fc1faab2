namespace System.Net.Sockets
{
    public enum AddressFamily
    {
        InterNetwork = 2,
    }
}
