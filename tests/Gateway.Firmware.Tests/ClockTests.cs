using System;
using Gateway.Firmware.Platform;
using nanoFramework.Networking;
using nanoFramework.TestFramework;

namespace Gateway.Firmware.Tests;

[TestClass]
public class ClockTests
{
    [TestMethod]
    public void Network_bring_up_with_requires_date_time_sets_the_clock()
    {
        bool up = NetworkHelper.SetupAndConnectNetwork(new System.Threading.CancellationTokenSource(60000).Token, true);
        Assert.IsTrue(up, "network or SNTP not ready");
        Assert.IsTrue(new DeviceClock().IsSet);
        Assert.IsTrue(DateTime.UtcNow.Year >= DeviceClock.FirstValidYear);
    }
}
