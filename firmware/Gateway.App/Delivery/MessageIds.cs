using System;
using Gateway.Core.Text;

namespace Gateway.App.Delivery;

/// <summary>
/// Message-IDs (RFC 5322 3.6.4) made on the device: time, a counter and random bits, at the domain
/// of the sender's address, e.g. "20261127T024000.3.9f2c41d0@gateway.test".
/// </summary>
public sealed class MessageIds
{
    readonly Random _random;
    readonly string _domain;
    int _counter;

    public MessageIds(string fromAddress, Random random)
    {
        int at = fromAddress.LastIndexOf('@');
        _domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress.Substring(at + 1) : "gateway.invalid";
        _random = random;
    }

    public string Next(DateTime utc)
    {
        _counter++;
        string stamp = IsoTime.Format(utc);
        // "2026-11-27T02:40:00Z" -> "20261127T024000"
        string compact = stamp.Substring(0, 4) + stamp.Substring(5, 2) + stamp.Substring(8, 2) + "T"
            + stamp.Substring(11, 2) + stamp.Substring(14, 2) + stamp.Substring(17, 2);
        uint r = (uint)_random.Next() ^ ((uint)_random.Next() << 16);
        return compact + "." + Ascii.FromInt(_counter) + "." + Fnv1a.Hex(r) + "@" + _domain;
    }
}
