using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using static Gateway.Core.Tests.Support.CommandKit;

namespace Gateway.Core.Tests.App.Commands;

public class NonceJournalTests
{
    const int Window = CommandVerifier.DefaultWindowMs;
    readonly MemoryStore _store = new();
    readonly ListLog _log = new();

    NonceJournal Open(DateTime now) => NonceJournal.Open(_store, Window, now, _log);

    static string N(int i) => "nonce" + i.ToString("D17");

    [Fact]
    public void A_missing_journal_starts_empty_without_a_floor()
    {
        var j = Open(T0);
        Assert.Equal(0, j.Count);
        Assert.False(j.HasFloor);
        Assert.False(j.Recovered);
        Assert.Null(_store.Read(NonceJournal.StoreName));
    }

    [Fact]
    public void Record_is_in_the_store_when_it_returns()
    {
        Open(T0).Record(N(1), T0, T0);
        var blob = Encoding.UTF8.GetString(_store.Read(NonceJournal.StoreName)!);
        Assert.Contains("n: " + N(1) + " 2026-11-27T08:00:00Z\n", blob);
    }

    [Fact]
    public void A_reopened_journal_knows_the_recorded_nonces()
    {
        Open(T0).Record(N(1), T0, T0);
        var again = Open(T0.AddMinutes(1));
        Assert.True(again.Contains(N(1)));
        Assert.False(again.Contains(N(2)));
    }

    [Fact]
    public void Entries_older_than_the_window_are_dropped_and_raise_the_floor()
    {
        var j = Open(T0);
        j.Record(N(1), T0, T0);
        j.Record(N(2), T0.AddMinutes(11), T0.AddMinutes(11));
        Assert.False(j.Contains(N(1)));
        Assert.Equal(1, j.Count);
        Assert.True(j.IsBelowFloor(T0));
        Assert.False(j.IsBelowFloor(T0.AddSeconds(1)));
    }

    [Fact]
    public void Entries_younger_than_the_window_are_kept()
    {
        var j = Open(T0);
        j.Record(N(1), T0, T0);
        j.Record(N(2), T0.AddMinutes(10), T0.AddMinutes(10));
        Assert.True(j.Contains(N(1)));
        Assert.False(j.HasFloor);
    }

    [Fact]
    public void It_never_holds_more_than_its_capacity_and_a_forgotten_nonce_stays_refused_by_the_floor()
    {
        var j = Open(T0);
        for (int i = 0; i < NonceJournal.Capacity + 5; i++)
            j.Record(N(i), T0.AddSeconds(i), T0);
        Assert.Equal(NonceJournal.Capacity, j.Count);
        Assert.False(j.Contains(N(0)));
        Assert.True(j.IsBelowFloor(T0.AddSeconds(4)));   // N(4), the last dropped
        Assert.False(j.IsBelowFloor(T0.AddSeconds(5)));
        Assert.True(Open(T0.AddDays(-1)).IsBelowFloor(T0.AddSeconds(4))); // a clock set back does not help
    }

    [Fact]
    public void The_stored_blob_stays_small()
    {
        var j = Open(T0);
        for (int i = 0; i < 200; i++)
            j.Record(N(i), T0.AddSeconds(i), T0);
        Assert.InRange(_store.Read(NonceJournal.StoreName)!.Length, 1, 3200);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(60)]
    public void A_torn_blob_is_rebuilt_with_a_floor_one_window_ahead_of_the_clock(int cut)
    {
        var j = Open(T0);
        j.Record(N(1), T0, T0);
        j.Record(N(2), T0.AddMinutes(1), T0.AddMinutes(1));
        var blob = _store.Read(NonceJournal.StoreName)!;
        _store.Write(NonceJournal.StoreName, blob[..(blob.Length - cut)]);

        var now = T0.AddMinutes(2);
        var rebuilt = Open(now);
        Assert.True(rebuilt.Recovered);
        Assert.Equal(0, rebuilt.Count);
        Assert.True(rebuilt.IsBelowFloor(T0.AddMinutes(1)));           // what may have run before
        Assert.True(rebuilt.IsBelowFloor(now.AddMinutes(10)));          // even future-dated within the window
        Assert.False(rebuilt.IsBelowFloor(now.AddMinutes(10).AddSeconds(1)));
        Assert.Contains(_log.Lines, l => l.StartsWith("Error command journal commands/nonces is damaged", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rebuilt_journal_is_written_so_its_floor_survives_another_restart()
    {
        _store.Write(NonceJournal.StoreName, Encoding.UTF8.GetBytes("gateway-nonces 1\ncreated: 2026-11-27T08:00:00Z\nfloor: no"));
        Open(T0);
        var later = Open(T0.AddHours(1));
        Assert.False(later.Recovered);
        Assert.True(later.IsBelowFloor(T0.AddMinutes(10)));
    }

    [Fact]
    public void A_flipped_byte_is_detected_by_the_checksum()
    {
        Open(T0).Record(N(1), T0, T0);
        var blob = _store.Read(NonceJournal.StoreName)!;
        blob[30] ^= 1;
        _store.Write(NonceJournal.StoreName, blob);
        Assert.True(Open(T0).Recovered);
    }

    [Fact]
    public void A_store_failure_propagates_from_Record()
    {
        var j = NonceJournal.Open(new FailingStore(), Window, T0, NullLog.Instance);
        Assert.Throws<IOException>(() => j.Record(N(1), T0, T0));
    }
}
