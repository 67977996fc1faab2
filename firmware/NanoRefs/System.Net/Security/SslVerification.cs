namespace System.Net.Security
{
    public enum SslVerification
    {
        CertificateRequired = 4,
    }
}
