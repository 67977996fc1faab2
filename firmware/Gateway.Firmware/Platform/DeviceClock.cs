using System;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Platform;

/// <summary>The board's RTC, set by SNTP once the network is up (NetworkHelper's requiresDateTime waits for it).</summary>
public sealed class DeviceClock : IClock
{
    /// <summary>Before SNTP the ESP32 clock starts in 1970; anything before this year is "not set".</summary>
    public const int FirstValidYear = 2024;

    public DateTime UtcNow => DateTime.UtcNow;

    public bool IsSet => DateTime.UtcNow.Year >= FirstValidYear;
}
