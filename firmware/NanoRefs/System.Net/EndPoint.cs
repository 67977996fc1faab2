namespace System.Net
{
    public abstract class EndPoint
    {
    }
}
