using System;
using Gateway.Core.Text;

namespace Gateway.SelfTest.Vectors;

/// <summary>UTF-8, ASCII and number formatting: where the device's runtime could differ from .NET's.</summary>
public static class TextVectors
{
    public static void Run(SelfTestRunner t)
    {
        t.Test("utf8 encodes ASCII, 2, 3 and 4 byte scalars", () =>
        {
            var b = Utf8.GetBytes("A\u00e9\u20ac\U0001F600");
            t.Bytes(new byte[] { 0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80 }, b, b.Length);
        });
        t.Test("utf8 writes a lone surrogate as U+FFFD", () =>
        {
            var b = Utf8.GetBytes("x\uD800y");
            t.Bytes(new byte[] { 0x78, 0xEF, 0xBF, 0xBD, 0x79 }, b, b.Length);
        });
        t.Test("utf8 decodes a 4 byte scalar to a surrogate pair", () =>
            t.Equal("\U0001F600", Utf8.Decode(new byte[] { 0xF0, 0x9F, 0x98, 0x80 })));
        t.Test("utf8 replaces an invalid lead byte", () =>
            t.Equal("a\uFFFDb", Utf8.Decode(new byte[] { 0x61, 0xC0, 0x62 })));
        t.Test("utf8 replaces a truncated sequence once", () =>
            t.Equal("\uFFFDz", Utf8.Decode(new byte[] { 0xE2, 0x82, 0x7A })));
        t.Test("utf8 refuses overlong and surrogate forms", () =>
        {
            t.Equal("\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xE0, 0x80, 0x80 }));
            t.Equal("\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xED, 0xA0, 0x80 }));
            t.True(!Utf8.IsValid(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0, 4), "above U+10FFFF must be invalid");
        });
        t.Test("ascii compares ignore case without culture", () =>
        {
            t.True(Ascii.EqualsIgnoreCase("PIPELINING", "pipelining"), "EqualsIgnoreCase");
            t.Equal("mail from", Ascii.ToLower("MAIL FROM"));
            t.True(!Ascii.EqualsIgnoreCase("i", "\u0130"), "dotted capital I is not i");
        });
        t.Test("ascii parses only plain decimals", () =>
        {
            int v;
            t.True(Ascii.TryParseInt("2147483647", out v) && v == int.MaxValue, "int.MaxValue");
            t.True(!Ascii.TryParseInt("2147483648", out v), "overflow refused");
            t.True(!Ascii.TryParseInt("-1", out v), "sign refused");
        });
        t.Test("integers format the same everywhere", () =>
        {
            t.Equal("-9223372036854775808", Ascii.FromInt(long.MinValue));
            t.Equal("0", Ascii.FromInt(0));
            t.Equal("42", Ascii.FromInt(42));
        });
        t.Test("numbers format with a point and round half away from zero", () =>
        {
            t.Equal("21.5", NumberFormat.Fixed(21.5, 1));
            t.Equal("-0.13", NumberFormat.Fixed(-0.125, 2));
            t.Equal("3", NumberFormat.Fixed(2.5, 0));
            t.Equal("31.25", NumberFormat.Compact(31.25));
            t.Equal("20", NumberFormat.Compact(20.0));
            t.Equal("NaN", NumberFormat.Compact(double.NaN));
        });
        t.Test("times format as ISO and parse back", () =>
        {
            var d = new DateTime(2026, 11, 27, 8, 5, 9);
            t.Equal("2026-11-27T08:05:09Z", IsoTime.Format(d));
            DateTime back;
            t.True(IsoTime.TryParse("2026-11-27T08:05:09Z", out back) && back == d, "round trip");
            t.True(!IsoTime.TryParse("2026-02-30T00:00:00Z", out back), "February 30th refused");
            t.Equal("1h 2m", IsoTime.FormatDuration(3725000));
        });
        t.Test("base64 round trips, and an empty input gives an empty string", () =>
        {
            t.Equal("AGRldmljZUBnYXRld2F5LnRlc3QAcHc=", Base64.Encode(new byte[] { 0, 0x64, 0x65, 0x76, 0x69, 0x63, 0x65, 0x40, 0x67, 0x61, 0x74, 0x65, 0x77, 0x61, 0x79, 0x2e, 0x74, 0x65, 0x73, 0x74, 0, 0x70, 0x77 }));
            t.Equal("", Base64.Encode(new byte[0]));
            var b = Convert.FromBase64String("4oKs");
            t.Bytes(new byte[] { 0xE2, 0x82, 0xAC }, b, b.Length);
        });
        t.Test("utf8 reads both halves of a surrogate pair from a string", () =>
        {
            string s = Utf8.Decode(new byte[] { 0xF0, 0x9F, 0x94, 0xA5 }); // U+1F525, built at run time
            t.Equal(0xDD25, Utf8.CharAt(s, 1));
            var b = Utf8.GetBytes("x" + s);
            t.Bytes(new byte[] { 0x78, 0xF0, 0x9F, 0x94, 0xA5 }, b, b.Length);
        });
        t.Test("fnv1a checksum matches its published vector", () =>
            t.Equal("e40c292c", Fnv1a.Hex(Fnv1a.Hash(new byte[] { (byte)'a' }, 0, 1))));
    }
}
