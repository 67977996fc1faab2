using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class MimeFlagNamesTests
{
    [Fact]
    public void No_flags_read_as_none()
    {
        Assert.Equal("none", MimeFlagNames.Describe(MimeFlags.None));
    }

    [Fact]
    public void Flags_set_are_named_in_bit_order()
    {
        Assert.Equal("missing-close-boundary, invalid-base64", MimeFlagNames.Describe(MimeFlags.InvalidBase64 | MimeFlags.MissingCloseBoundary));
    }

    [Fact]
    public void Every_flag_has_a_name_of_its_own()
    {
        var names = new HashSet<string>();
        foreach (MimeFlags flag in Enum.GetValues<MimeFlags>())
        {
            if (flag == MimeFlags.None) continue;
            var name = MimeFlagNames.Describe(flag);
            Assert.DoesNotContain(",", name);
            Assert.True(names.Add(name), name);
            Assert.Equal(name.Replace("-", ""), flag.ToString().ToLowerInvariant());
        }
    }
}
