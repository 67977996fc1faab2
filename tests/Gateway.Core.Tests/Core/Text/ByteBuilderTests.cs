using System.Text;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class ByteBuilderTests
{
    [Fact]
    public void Grows_past_its_initial_capacity_keeping_the_content()
    {
        var b = new ByteBuilder(16);
        for (int i = 0; i < 1000; i++) b.Append((byte)i);
        Assert.Equal(1000, b.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray(), b.ToArray());
        Assert.Equal(unchecked((byte)999), b[999]);
    }

    [Fact]
    public void Appends_slices_ascii_and_utf8()
    {
        var b = new ByteBuilder();
        b.Append([1, 2, 3, 4], 1, 2);
        b.AppendAscii("OK ");
        b.AppendUtf8("é🔥\uD800");
        b.AppendUtf8("xyz", 1, 1);
        Assert.Equal(new byte[] { 2, 3 }.Concat(Encoding.UTF8.GetBytes("OK é🔥\uFFFDy")).ToArray(), b.ToArray());
    }

    [Fact]
    public void Ascii_append_refuses_non_ascii()
    {
        var b = new ByteBuilder();
        Assert.Throws<ArgumentException>(() => b.AppendAscii("é"));
        Assert.Equal(0, b.Count);
    }

    [Fact]
    public void Growing_past_the_maximum_throws_and_keeps_the_content()
    {
        var b = new ByteBuilder(4, maxSize: 100);
        b.Append(new byte[90], 0, 90);
        var e = Assert.Throws<SizeLimitException>(() => b.AppendUtf8(new string('x', 11)));
        Assert.Equal(100, e.Limit);
        Assert.Contains("100 bytes", e.Message);
        Assert.Equal(90, b.Count);
        b.AppendAscii(new string('y', 10));
        Assert.Equal(100, b.Count);
        Assert.Throws<SizeLimitException>(() => b.Append(0));
        Assert.True(b.Buffer.Length <= 100);
    }

    [Fact]
    public void Clear_forgets_the_content_and_keeps_the_array()
    {
        var b = new ByteBuilder(16);
        b.AppendAscii(new string('a', 100));
        var array = b.Buffer;
        b.Clear();
        Assert.Equal(0, b.Count);
        Assert.Empty(b.ToArray());
        b.AppendAscii("x");
        Assert.Same(array, b.Buffer);
        Assert.Throws<ArgumentOutOfRangeException>(() => b[1]);
    }
}
