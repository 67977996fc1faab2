namespace nanoFramework.Networking
{
    /// <summary>The values the glue names, numbered as in the real declaration (None = 0, Started, NetworkIsReady, ...).</summary>
    public enum NetworkHelperStatus
    {
        FailedNoNetworkInterface = 3,
        TokenExpiredWaitingIPAddress = 4,
        TokenExpiredWaitingDateTime = 5,
        ExceptionOccurred = 7,
    }
}
