using System;

namespace Gateway.Core.Text;

/// <summary>A buffer would grow past its configured maximum: the content is too large for the device, never a reason to grow.</summary>
public class SizeLimitException : Exception
{
    public SizeLimitException(int limit)
        : base("more than the limit of " + Ascii.FromInt(limit) + " bytes")
    {
        Limit = limit;
    }

    public int Limit { get; }
}
