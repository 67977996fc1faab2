using System.IO;
using Gateway.Firmware.Platform;
using nanoFramework.TestFramework;

namespace Gateway.Firmware.Tests;

[TestClass]
public class FlashStoreTests
{
    const string Root = "I:\\gwtest";

    /// <summary>[Setup] runs once per class on nanoFramework: each test starts from its own empty folder.</summary>
    static FlashStore Fresh(string folder)
    {
        if (!Directory.Exists(Root)) Directory.CreateDirectory(Root);
        var path = Root + "\\" + folder;
        if (Directory.Exists(path))
        {
            // File by file: recursive Directory.Delete is not supported by every storage driver.
            var files = Directory.GetFiles(path);
            for (int i = 0; i < files.Length; i++) File.Delete(files[i]);
        }
        return new FlashStore(path);
    }

    [TestMethod]
    public void Written_blob_reads_back_byte_for_byte()
    {
        var store = Fresh("t1");
        var data = new byte[] { 0, 1, 2, 254, 255, 13, 10 };
        store.Write("outbox/00000001", data);
        var back = store.Read("outbox/00000001");
        Assert.IsNotNull(back);
        CollectionAssert.AreEqual(data, back);
    }

    [TestMethod]
    public void Second_write_replaces_the_first()
    {
        var store = Fresh("t2");
        store.Write("journal", new byte[] { 1, 1, 1, 1 });
        store.Write("journal", new byte[] { 2 });
        CollectionAssert.AreEqual(new byte[] { 2 }, store.Read("journal"));
    }

    [TestMethod]
    public void Missing_blob_reads_as_null()
    {
        Assert.IsNull(Fresh("t3").Read("nothing"));
    }

    [TestMethod]
    public void List_returns_names_with_the_prefix_in_ordinal_order()
    {
        var store = Fresh("t4");
        store.Write("outbox/00000002", new byte[] { 2 });
        store.Write("failed/00000009", new byte[] { 9 });
        store.Write("outbox/00000001", new byte[] { 1 });
        var names = store.List("outbox/");
        Assert.AreEqual(2, names.Length);
        Assert.AreEqual("outbox/00000001", names[0]);
        Assert.AreEqual("outbox/00000002", names[1]);
    }

    [TestMethod]
    public void Temp_file_left_by_a_power_cut_after_the_delete_is_taken_as_the_content()
    {
        var store = Fresh("t5");
        // The state a cut between "delete old" and "rename" leaves: only the complete temp file.
        File.WriteAllBytes(Root + "\\t5\\outbox~00000003.new", new byte[] { 3, 3 });
        CollectionAssert.AreEqual(new byte[] { 3, 3 }, store.Read("outbox/00000003"));
        Assert.AreEqual(1, store.List("outbox/").Length);
    }

    [TestMethod]
    public void Delete_removes_the_blob_and_is_quiet_when_absent()
    {
        var store = Fresh("t6");
        store.Write("x", new byte[] { 1 });
        store.Delete("x");
        store.Delete("x");
        Assert.IsNull(store.Read("x"));
    }
}
