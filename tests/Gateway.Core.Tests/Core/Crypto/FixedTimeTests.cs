using Gateway.App.Commands;
using Gateway.Core.Crypto;

namespace Gateway.Core.Tests.Core.Crypto;

public class FixedTimeTests
{
    [Fact]
    public void Equal_arrays_are_equal() => Assert.True(FixedTime.Equals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));

    [Fact]
    public void A_difference_in_the_last_bit_is_found()
    {
        var a = new byte[32];
        var b = new byte[32];
        b[31] = 1;
        Assert.False(FixedTime.Equals(a, b));
    }

    [Fact]
    public void A_difference_in_the_first_byte_is_found()
    {
        var a = new byte[32];
        var b = new byte[32];
        b[0] = 0x80;
        Assert.False(FixedTime.Equals(a, b));
    }

    [Fact]
    public void Different_lengths_or_null_are_not_equal()
    {
        Assert.False(FixedTime.Equals(new byte[2], new byte[3]));
        Assert.False(FixedTime.Equals(null, new byte[3]));
        Assert.False(FixedTime.Equals(new byte[0], null));
    }
}
