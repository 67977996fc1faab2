namespace Gateway.Core.Text;

/// <summary>
/// Fixed-point number text that is the same on the device and on every host culture
/// ("21.5", never "21,5"): alert mails and the status reply use it.
/// </summary>
public static class NumberFormat
{
    /// <summary>Formats <paramref name="value"/> with <paramref name="decimals"/> (0-6) digits after the point, rounding half away from zero.</summary>
    public static string Fixed(double value, int decimals)
    {
        if (double.IsNaN(value)) return "NaN";
        if (value > 9.2e18 || value < -9.2e18) return value > 0 ? "overflow" : "-overflow";
        if (decimals < 0) decimals = 0;
        if (decimals > 6) decimals = 6;
        long scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        bool negative = value < 0;
        double scaled = (negative ? -value : value) * scale + 0.5;
        if (scaled > 9.2e18) return negative ? "-overflow" : "overflow";
        long units = (long)scaled;
        long whole = units / scale;
        long frac = units % scale;
        string s = Ascii.FromInt(whole);
        if (decimals > 0)
        {
            string f = Ascii.FromInt(frac);
            while (f.Length < decimals) f = "0" + f;
            s = s + "." + f;
        }
        return negative && units != 0 ? "-" + s : s;
    }

    /// <summary>Up to two decimals, trailing zeros dropped: "21.5", "20", "-0.25".</summary>
    public static string Compact(double value)
    {
        string s = Fixed(value, 2);
        if (s.IndexOf('.') < 0) return s;
        int end = s.Length;
        while (s[end - 1] == '0') end--;
        if (s[end - 1] == '.') end--;
        return s.Substring(0, end);
    }
}
