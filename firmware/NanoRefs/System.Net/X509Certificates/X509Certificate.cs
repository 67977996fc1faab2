namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate) => throw new NotImplementedException();

        public X509Certificate(string certificate) => throw new NotImplementedException();
    }
}
