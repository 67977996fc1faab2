using System.Text;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class RecordWriterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("20 \u00b0C, relay1 on\r\n")]
    [InlineData("caf\u00e9 \u20ac \U0001F600 end")]
    [InlineData("lone \uD800 high and \uDC00 low")]
    public void Base64_of_the_utf8_is_what_dotnet_makes(string text)
    {
        // .NET's UTF-8 encoder writes a lone surrogate as U+FFFD, as Utf8.Put does.
        string expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, Encoding.ASCII.GetString(Write(w => w.Base64Utf8(text))));
    }

    [Fact]
    public void The_counting_pass_and_the_writing_pass_agree_and_the_array_is_exact()
    {
        static void Record(RecordWriter w)
        {
            w.Text("to: j\u00f6rg@example.test");
            w.Byte((byte)'\n');
            w.Base64Utf8("body \u00b0C");
        }
        var w = new RecordWriter();
        Record(w);
        int counted = w.Count;
        w.Allocate(3);
        Record(w);
        Assert.Equal(counted, w.Count);
        Assert.Equal(counted + 3, w.Buffer.Length);
        Assert.Equal("to: j\u00f6rg@example.test\nYm9keSDCsEM=", Encoding.UTF8.GetString(w.Buffer, 0, w.Count));
    }

    static byte[] Write(Action<RecordWriter> write)
    {
        var w = new RecordWriter();
        write(w);
        w.Allocate(0);
        write(w);
        return w.Buffer;
    }
}
