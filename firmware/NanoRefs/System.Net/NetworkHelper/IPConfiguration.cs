using System;

namespace nanoFramework.Networking
{
    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null) => throw new NotImplementedException();

        public string IPAddress { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }
    }
}
