using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Pop3;

namespace Gateway.Core.Tests.Mail.Pop3;

public class HandledUidsTests
{
    readonly MemoryStore _store = new();

    [Fact]
    public void Handled_uids_survive_a_restart()
    {
        var a = new HandledUids(_store, NullLog.Instance);
        a.Add("0000000100000001", true);
        a.Add("0000000200000001", false);
        var b = new HandledUids(_store, NullLog.Instance);
        Assert.True(b.Contains("0000000100000001"));
        Assert.True(b.Contains("0000000200000001"));
        Assert.False(b.Contains("0000000300000001"));
        Assert.True(b.ShouldDelete("0000000100000001"));
        Assert.False(b.ShouldDelete("0000000200000001"));
    }

    [Fact]
    public void Uids_gone_from_the_server_are_forgotten()
    {
        var a = new HandledUids(_store, NullLog.Instance);
        a.Add("u1", true);
        a.Add("u2", false);
        a.KeepOnly([new Pop3UidEntry(1, "u2")]);
        Assert.False(new HandledUids(_store, NullLog.Instance).Contains("u1"));
        Assert.True(new HandledUids(_store, NullLog.Instance).Contains("u2"));
    }

    [Fact]
    public void The_list_is_bounded_oldest_out()
    {
        var a = new HandledUids(_store, NullLog.Instance);
        for (int i = 0; i < HandledUids.Capacity + 10; i++) a.Add("uid" + i, false);
        Assert.Equal(HandledUids.Capacity, a.Count);
        Assert.False(a.Contains("uid0"));
        Assert.True(a.Contains("uid" + (HandledUids.Capacity + 9)));
    }

    [Fact]
    public void A_torn_list_is_detected_and_not_trusted()
    {
        var a = new HandledUids(_store, NullLog.Instance);
        a.Add("u1", true);
        var bytes = _store.Read(HandledUids.StoreName)!;
        _store.Write(HandledUids.StoreName, bytes[..^3]);
        var log = new Lines();
        var b = new HandledUids(_store, log);
        Assert.Equal(0, b.Count);
        Assert.Contains(log.All, l => l.Contains("damaged"));
    }

    sealed class Lines : ILog
    {
        public readonly List<string> All = [];
        public void Write(LogLevel level, string text) => All.Add(text);
        public bool IsEnabled(LogLevel level) => true;
    }
}
