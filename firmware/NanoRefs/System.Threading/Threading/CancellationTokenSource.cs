namespace System.Threading
{
    public class CancellationTokenSource
    {
        public CancellationTokenSource(int millisecondsDelay) => throw new NotImplementedException();

        public CancellationToken Token => throw new NotImplementedException();
    }
}
