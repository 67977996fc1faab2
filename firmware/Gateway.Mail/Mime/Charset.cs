using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Names and single-byte tables of the character sets the gateway reads: UTF-8, US-ASCII, ISO-8859-1 and
/// windows-1252 (what Outlook labels most Western mail). Shared by the header and the body decoders.
/// </summary>
public static class Charset
{
    // windows-1252 differs from iso-8859-1 only in 0x80-0x9F (its five unassigned bytes kept as C1 controls).
    const string Cp1252High = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
        + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    /// <summary>The charset a MIME name (case ignored, common aliases included) stands for.</summary>
    public static CharsetKind Parse(string name)
    {
        if (Ascii.EqualsIgnoreCase(name, "utf-8") || Ascii.EqualsIgnoreCase(name, "utf8")) return CharsetKind.Utf8;
        if (Ascii.EqualsIgnoreCase(name, "us-ascii") || Ascii.EqualsIgnoreCase(name, "ascii")) return CharsetKind.Ascii;
        if (Ascii.EqualsIgnoreCase(name, "iso-8859-1") || Ascii.EqualsIgnoreCase(name, "iso8859-1")
            || Ascii.EqualsIgnoreCase(name, "iso_8859-1") || Ascii.EqualsIgnoreCase(name, "latin1"))
            return CharsetKind.Latin1;
        if (Ascii.EqualsIgnoreCase(name, "windows-1252") || Ascii.EqualsIgnoreCase(name, "cp1252")) return CharsetKind.Windows1252;
        return CharsetKind.Unknown;
    }

    /// <summary>
    /// The char for byte <paramref name="b"/> in a single-byte charset: ASCII maps bytes from 0x80 to U+FFFD,
    /// ISO-8859-1 maps every byte to the code point of its value, windows-1252 differs in 0x80-0x9F.
    /// </summary>
    public static char FromSingleByte(CharsetKind kind, int b)
    {
        if (b < 0x80) return (char)b;
        if (kind == CharsetKind.Ascii) return Utf8.Replacement;
        if (kind == CharsetKind.Windows1252 && b < 0xA0) return Cp1252High[b - 0x80];
        return (char)b;
    }
}
