using System;

namespace Gateway.Core.Platform;

/// <summary>The wall clock (UTC): set by SNTP on the device. TLS, Date headers and command windows depend on it.</summary>
public interface IClock
{
    DateTime UtcNow { get; }
}
