using System;

namespace Gateway.Core.Text;

/// <summary>A peer sent a line longer than the reader's fixed limit: a protocol violation, never a reason to grow.</summary>
public class LineTooLongException : Exception
{
    public LineTooLongException(int limit)
        : base("line longer than " + Ascii.FromInt(limit) + " bytes")
    {
        Limit = limit;
    }

    public int Limit { get; }
}
