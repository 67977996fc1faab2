using System.Text;
using Gateway.Core.Text;
using Gateway.Mail.Mime;
using MimeKit.Utils;

namespace Gateway.Core.Tests.Mail.Mime;

public class EncodedWordTests
{
    static string Encode(string text, int column, out string[] lines)
    {
        var output = new ByteBuilder();
        int end = EncodedWord.Encode(text, column, output);
        var s = Encoding.ASCII.GetString(output.ToArray());
        lines = s.Split("\r\n");
        Assert.Equal(lines.Length == 1 ? column + lines[0].Length : lines[^1].Length, end);
        return s;
    }

    // RFC 2047 section 8, the examples that use iso-8859-1 only.
    [Theory]
    [InlineData("(=?ISO-8859-1?Q?a?=)", "(a)")]
    [InlineData("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [InlineData("=?ISO-8859-1?Q?Andr=E9?= Pirard", "Andr\u00e9 Pirard")]
    public void Decodes_the_rfc2047_examples(string value, string expected)
    {
        Assert.Equal(expected, EncodedWord.Decode(value));
    }

    [Theory]
    [InlineData("=?UTF-8?B?VGVtcMOpcmF0dXJlIPCflKUgMzEsNSDCsEM=?=", "Temp\u00e9rature \U0001F525 31,5 \u00b0C")]
    [InlineData("=?utf-8?b?w6nDqMOg?=", "\u00e9\u00e8\u00e0")]
    [InlineData("=?iso-8859-1?q?caf=E9?=", "caf\u00e9")]
    [InlineData("=?iso-8859-1?q?caf=e9?=", "caf\u00e9")]
    [InlineData("Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus =?UTF-8?Q?M=C3=BCnchen?=", "Re: Gr\u00fc\u00dfe aus M\u00fcnchen")]
    [InlineData("=?us-ascii?Q?plain_text?=", "plain text")]
    [InlineData("=?US-ASCII?Q?high_=E9?=", "high \uFFFD")]
    [InlineData("=?windows-1252?Q?=80_5_=96_price?=", "\u20ac 5 \u2013 price")]
    [InlineData("=?utf-8*en?Q?language_tag?=", "language tag")]
    [InlineData("=?UTF-8?B?w6k?=", "\u00e9")] // no padding
    public void Decodes_real_world_words(string value, string expected)
    {
        Assert.Equal(expected, EncodedWord.Decode(value));
    }

    [Fact]
    public void Adjacent_words_are_joined_before_decoding_so_a_split_character_survives()
    {
        // U+00E9 is C3 A9; a careless sender put C3 and A9 in separate words.
        Assert.Equal("\u00e9", EncodedWord.Decode("=?utf-8?B?ww==?= =?utf-8?B?qQ==?="));
        Assert.Equal("\u00e9", EncodedWord.Decode("=?utf-8?Q?=C3?=\r\n =?utf-8?Q?=A9?="));
    }

    [Fact]
    public void Adjacent_words_in_different_charsets_are_decoded_each_in_its_own()
    {
        Assert.Equal("\u00e9\u00e9", EncodedWord.Decode("=?iso-8859-1?Q?=E9?= =?utf-8?Q?=C3=A9?="));
    }

    [Theory]
    [InlineData("=?x-unknown?Q?abc?=")]
    [InlineData("=?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=")]
    [InlineData("=?utf-8?X?abc?=")]
    [InlineData("=?utf-8?B?not*base64?=")]
    [InlineData("=?utf-8?Q?has space?=")]
    [InlineData("=?utf-8?Q?unterminated")]
    [InlineData("plain =? text ?= here")]
    public void What_cannot_be_decoded_is_left_as_it_is(string value)
    {
        Assert.Equal(value, EncodedWord.Decode(value));
    }

    [Fact]
    public void Space_between_a_word_and_one_that_cannot_be_decoded_is_kept()
    {
        Assert.Equal("a =?x-unknown?Q?b?=", EncodedWord.Decode("=?utf-8?Q?a?= =?x-unknown?Q?b?="));
    }

    [Theory]
    [InlineData("plain ascii", false)]
    [InlineData("", false)]
    [InlineData("caf\u00e9", true)]
    [InlineData("line\r\nbreak", true)]
    [InlineData("tab\t", true)]
    [InlineData("del\u007f", true)]
    [InlineData("looks =?like?= a word", true)]
    [InlineData("a = b ? c", false)]
    public void Needs_encoding_for_non_ascii_control_characters_and_lookalikes(string text, bool expected)
    {
        Assert.Equal(expected, EncodedWord.NeedsEncoding(text));
    }

    [Fact]
    public void Mostly_ascii_text_uses_q_and_other_text_uses_b()
    {
        Assert.StartsWith("=?utf-8?Q?", Encode("Temp\u00e9rature high", 9, out _));
        Assert.StartsWith("=?utf-8?B?", Encode("\u6e29\u5ea6\u8b66\u544a\U0001F525", 9, out _));
    }

    [Fact]
    public void Random_text_round_trips_in_words_of_at_most_75_on_lines_of_at_most_78()
    {
        var rng = new Random(2047);
        string[] pieces = ["a", "Z", "9", " ", "  ", "_", "=", "?", "?=", "=?", "\u00e9", "\u20ac", "\u6e29", "\U0001F525", "\U0001F600", "\r", "\n", "\r\n", "\t", "\0", "\"", "(", ")"];
        for (int round = 0; round < 300; round++)
        {
            var sb = new StringBuilder();
            int length = rng.Next(1, 300);
            while (sb.Length < length) sb.Append(pieces[rng.Next(pieces.Length)]);
            var text = sb.ToString();
            int column = rng.Next(0, 40);
            var encoded = Encode(text, column, out var lines);

            for (int i = 0; i < lines.Length; i++)
            {
                Assert.True((i == 0 ? column : 0) + lines[i].Length <= 78, $"line {i} too long: {lines[i]}");
                if (i > 0) Assert.StartsWith(" ", lines[i]);
                foreach (var word in lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.True(word.Length <= EncodedWord.MaxWordLength, word);
                    AssertWholeCharacters(word);
                }
            }
            Assert.Equal(text, EncodedWord.Decode(encoded));
            Assert.Equal(text, Rfc2047.DecodeText(Encoding.ASCII.GetBytes(encoded)));
        }
    }

    /// <summary>Each word on its own decodes to well-formed UTF-8: no character is split between words.</summary>
    static void AssertWholeCharacters(string word)
    {
        Assert.Matches(@"^=\?utf-8\?[BQ]\?[^? ]*\?=$", word);
        var payload = word[10..^2];
        byte[] bytes;
        if (word[8] == 'B')
        {
            bytes = Convert.FromBase64String(payload);
        }
        else
        {
            var list = new List<byte>();
            for (int i = 0; i < payload.Length; i++)
            {
                if (payload[i] == '=') { list.Add(Convert.ToByte(payload.Substring(i + 1, 2), 16)); i += 2; }
                else list.Add(payload[i] == '_' ? (byte)' ' : (byte)payload[i]);
            }
            bytes = list.ToArray();
        }
        Assert.True(Utf8.IsValid(bytes, 0, bytes.Length), "split character in " + word);
    }

    [Fact]
    public void A_long_word_run_is_folded_with_the_first_word_shortened_to_fit_the_header_name()
    {
        var text = string.Concat(Enumerable.Repeat("\U0001F321\u00e9", 60));
        var encoded = Encode(text, "Subject: ".Length, out var lines);
        Assert.True(lines.Length > 3);
        Assert.True("Subject: ".Length + lines[0].Length <= 78);
        Assert.All(lines[1..], l => Assert.True(l.Length <= 76, l)); // " " + a word of at most 75
        Assert.Equal(text, EncodedWord.Decode(encoded));
    }

    [Fact]
    public void Control_characters_are_encoded_never_written()
    {
        var encoded = Encode("a\r\nBcc: x@y\0", 9, out var lines);
        Assert.Single(lines);
        Assert.DoesNotContain('\0', encoded);
        Assert.Equal("a\r\nBcc: x@y\0", EncodedWord.Decode(encoded));
    }

    [Fact]
    public void A_lone_surrogate_is_sent_as_the_replacement_character()
    {
        Assert.Equal("a\uFFFDb", EncodedWord.Decode(Encode("a\uD800b", 0, out _)));
    }

    [Fact]
    public void Empty_text_writes_nothing()
    {
        Assert.Equal("", Encode("", 9, out _));
    }
}
