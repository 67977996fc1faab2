namespace System.Threading
{
    /// <summary>Only the type: NetworkHelper takes one, the glue passes <see cref="CancellationTokenSource.Token"/>.</summary>
    public struct CancellationToken
    {
    }
}
