using Gateway.Core.Platform;

namespace Gateway.Host.Platform;

public sealed class SystemClock : IClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}
