using System;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status => throw new NotImplementedException();

        public static Exception HelperException => throw new NotImplementedException();

        public static bool SetupAndConnectNetwork(CancellationToken token = default, bool requiresDateTime = false) => throw new NotImplementedException();

        public static bool SetupAndConnectNetwork(IPConfiguration ipConfiguration, CancellationToken token = default, bool requiresDateTime = false) => throw new NotImplementedException();
    }
}
