namespace System.Net.Security
{
    [Flags]
    public enum SslProtocols
    {
        Tls12 = 3072,
    }
}
