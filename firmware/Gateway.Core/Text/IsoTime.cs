using System;

namespace Gateway.Core.Text;

/// <summary>UTC times as "2026-11-27T02:40:00Z" for the store and logs, culture-free both ways.</summary>
public static class IsoTime
{
    public static string Format(DateTime utc)
    {
        return Ascii.FromInt(utc.Year) + "-" + Two(utc.Month) + "-" + Two(utc.Day) + "T"
            + Two(utc.Hour) + ":" + Two(utc.Minute) + ":" + Two(utc.Second) + "Z";
    }

    /// <summary>"2026-11-27 02:40:00 UTC", for people.</summary>
    public static string FormatReadable(DateTime utc)
    {
        return Ascii.FromInt(utc.Year) + "-" + Two(utc.Month) + "-" + Two(utc.Day) + " "
            + Two(utc.Hour) + ":" + Two(utc.Minute) + ":" + Two(utc.Second) + " UTC";
    }

    public static bool TryParse(string s, out DateTime utc)
    {
        utc = DateTime.MinValue;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
            return false;
        if (!Ascii.TryParseInt(s, 0, 4, out int y) || !Ascii.TryParseInt(s, 5, 2, out int mo) || !Ascii.TryParseInt(s, 8, 2, out int d)
            || !Ascii.TryParseInt(s, 11, 2, out int h) || !Ascii.TryParseInt(s, 14, 2, out int mi) || !Ascii.TryParseInt(s, 17, 2, out int sec))
            return false;
        if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
            return false;
        utc = new DateTime(y, mo, d, h, mi, sec); // nanoFramework has no DateTimeKind constructor; all our times are UTC
        return true;
    }

    /// <summary>"3d 4h 5m" / "4h 5m" / "5m 6s" / "6s": an uptime or a delay for people.</summary>
    public static string FormatDuration(long ms)
    {
        if (ms < 0) ms = 0;
        long s = ms / 1000;
        long d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60, sec = s % 60;
        if (d > 0) return Ascii.FromInt(d) + "d " + Ascii.FromInt(h) + "h " + Ascii.FromInt(m) + "m";
        if (h > 0) return Ascii.FromInt(h) + "h " + Ascii.FromInt(m) + "m";
        if (m > 0) return Ascii.FromInt(m) + "m " + Ascii.FromInt(sec) + "s";
        return Ascii.FromInt(sec) + "s";
    }

    static string Two(int v) => v < 10 ? "0" + Ascii.FromInt(v) : Ascii.FromInt(v);
}
