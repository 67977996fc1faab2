using System.Text;

namespace Gateway.DevMail.Tests;

public sealed class MailStoreTests : IDisposable
{
    readonly List<string> _dirs = [];

    static readonly byte[] Sample = Encoding.ASCII.GetBytes("Message-ID: <a@b>\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\nbody\r\n");

    [Fact]
    public void A_stored_message_is_one_file_with_a_uidl_of_validity_and_uid()
    {
        var dir = Temp();
        var store = new MailStore(dir, ["x@y.z"]);
        var m = store.Add("x@y.z", Sample);
        Assert.Equal(1, m.Uid);
        Assert.Matches("^[0-9a-f]{8}\\.1$", m.Uidl);
        Assert.Equal(Sample, File.ReadAllBytes(m.Path));
        Assert.Equal("a@b", m.MessageId);
        Assert.Equal("café", m.Subject);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir, "x@y.z", "tmp")));
    }

    [Fact]
    public void A_reopened_store_keeps_uids_and_validity_and_never_reuses_a_deleted_uid()
    {
        var dir = Temp();
        var store = new MailStore(dir, ["x@y.z"]);
        var a = store.Add("x@y.z", Sample);
        var b = store.Add("x@y.z", Sample);
        Assert.True(store.Delete("x@y.z", b.Uid));
        var reopened = new MailStore(dir, ["x@y.z"]);
        Assert.Equal([a.Uidl], reopened.List("x@y.z").Select(m => m.Uidl));
        Assert.Equal(3, reopened.Add("x@y.z", Sample).Uid);
    }

    [Fact]
    public void A_half_written_temp_file_is_discarded_at_open()
    {
        var dir = Temp();
        new MailStore(dir, ["x@y.z"]).Add("x@y.z", Sample);
        File.WriteAllText(Path.Combine(dir, "x@y.z", "tmp", "00000002.abc.tmp"), "Subject: half");
        var reopened = new MailStore(dir, ["x@y.z"]);
        Assert.Single(reopened.List("x@y.z"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir, "x@y.z", "tmp")));
    }

    [Fact]
    public void Concurrent_adds_get_distinct_uids()
    {
        var store = new MailStore(Temp(), ["x@y.z"]);
        Parallel.For(0, 50, _ => store.Add("x@y.z", Sample));
        var uids = store.List("x@y.z").Select(m => m.Uid).ToArray();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), uids);
    }

    [Theory]
    [InlineData("../etc@x")]
    [InlineData("a/b@c")]
    [InlineData("noat")]
    [InlineData("a@b@c")]
    public void An_address_that_is_not_a_safe_folder_name_is_refused(string address)
    {
        Assert.Throws<ArgumentException>(() => new MailStore(Temp(), [address]));
    }

    string Temp()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devmail-store-" + Guid.NewGuid().ToString("N"));
        _dirs.Add(dir);
        return dir;
    }

    public void Dispose()
    {
        foreach (var dir in _dirs)
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
