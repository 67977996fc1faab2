using Gateway.Host.Platform;

namespace Gateway.Host.Tests.Platform;

public sealed class FileStoreTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("gateway-filestore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_write_replaces_the_whole_file_and_leaves_no_temporary()
    {
        var store = new FileStore(_dir);
        store.Write("outbox/a", [1, 2, 3]);
        store.Write("outbox/a", [4, 5]);
        Assert.Equal([4, 5], store.Read("outbox/a"));
        Assert.Equal(["outbox/a"], Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f)).ToArray());
    }

    [Fact]
    public void The_temporary_of_a_write_cut_off_by_a_crash_is_ignored_then_removed_at_the_next_start()
    {
        new FileStore(_dir).Write("outbox/a", [1, 2, 3]);
        // What a kill -9 between the write of the temporary and the rename leaves: a process id that is gone.
        string stale = Path.Combine(_dir, "outbox", "a.tmp-" + int.MaxValue);
        File.WriteAllBytes(stale, [9, 9]);
        Assert.Equal(["outbox/a"], new FileStore(_dir).List("outbox/"));
        Assert.False(File.Exists(stale));
        Assert.Equal([1, 2, 3], new FileStore(_dir).Read("outbox/a"));
    }

    [Fact]
    public void The_temporary_of_a_process_that_still_runs_is_kept()
    {
        string live = Path.Combine(_dir, "uids.tmp-" + Environment.ProcessId);
        File.WriteAllBytes(live, [1]);
        _ = new FileStore(_dir);
        Assert.True(File.Exists(live));
    }
}
