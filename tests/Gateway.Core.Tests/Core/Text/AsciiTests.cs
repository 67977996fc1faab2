using System.Globalization;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class AsciiTests
{
    [Fact]
    public void Case_insensitive_compare_ignores_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // Turkish dotless i breaks culture-aware "MAIL".ToLower(); protocol compares must not care.
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.True(Ascii.EqualsIgnoreCase("PIPELINING", "pipelining"));
            Assert.True(Ascii.StartsWithIgnoreCase("auth PLAIN LOGIN", "AUTH "));
            Assert.Equal("mail from", Ascii.ToLower("MAIL FROM"));
            Assert.Equal("QUIT", Ascii.ToUpper("quit"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Non_ascii_letters_are_left_alone()
    {
        Assert.Equal("äÄ", Ascii.ToUpper("äÄ"));
        Assert.False(Ascii.EqualsIgnoreCase("ä", "Ä"));
    }

    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("2147483647", true, int.MaxValue)]
    [InlineData("2147483648", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("+1", false, 0)]
    [InlineData("1 ", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("٣", false, 0)] // Arabic-Indic digit: char.IsDigit says yes, protocols say no
    public void TryParseInt_accepts_only_plain_ascii_decimals(string s, bool ok, int value)
    {
        Assert.Equal(ok, Ascii.TryParseInt(s, out int v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void TryParseInt_reads_digits_inside_a_byte_buffer()
    {
        var b = "250-SIZE"u8.ToArray();
        Assert.True(Ascii.TryParseInt(b, 0, 3, out int code));
        Assert.Equal(250, code);
        Assert.False(Ascii.TryParseInt(b, 0, 4, out _));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(-42L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void FromInt_matches_invariant_formatting(long v) =>
        Assert.Equal(v.ToString(CultureInfo.InvariantCulture), Ascii.FromInt(v));

    [Fact]
    public void IndexOf_is_ordinal()
    {
        Assert.Equal(4, Ascii.IndexOf("abc\u00ADdef", "def", 0)); // soft hyphen counts as a char
        Assert.Equal(-1, Ascii.IndexOf("abc", "abcd", 0));
        Assert.Equal(3, Ascii.IndexOf("ababab", "bab", 2));
        Assert.True(Ascii.Contains("250 AUTH PLAIN", "AUTH"));
    }

    [Fact]
    public void TrimBlanks_removes_spaces_and_tabs_only()
    {
        Assert.Equal("a b", Ascii.TrimBlanks(" \t a b\t "));
        Assert.Equal("\u00A0x", Ascii.TrimBlanks("\u00A0x"));
    }

    [Fact]
    public void HexValue_knows_both_cases()
    {
        Assert.Equal(10, Ascii.HexValue('a'));
        Assert.Equal(15, Ascii.HexValue('F'));
        Assert.Equal(9, Ascii.HexValue('9'));
        Assert.Equal(-1, Ascii.HexValue('g'));
    }
}
