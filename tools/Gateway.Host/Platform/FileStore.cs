using Gateway.Core.Platform;

namespace Gateway.Host.Platform;

/// <summary>
/// The host's store: one file per name under a folder. A write goes to a temporary file that is
/// flushed to disk and then renamed over the old one, so a crash leaves the old or the new
/// content, never a mix.
/// </summary>
public sealed class FileStore : IStore
{
    readonly string _root;

    public FileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        RemoveStaleTemporaries();
    }

    /// <summary>
    /// A write cut off by a crash leaves NAME.tmp-PID behind. It is never read (the old content is still
    /// in place), so the ones whose process is gone are removed rather than left to pile up.
    /// </summary>
    void RemoveStaleTemporaries()
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*.tmp-*", SearchOption.AllDirectories))
        {
            var pidText = file[(file.LastIndexOf(".tmp-", StringComparison.Ordinal) + 5)..];
            if (int.TryParse(pidText, out int pid) && IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public string Root => _root;

    public byte[]? Read(string name)
    {
        var path = PathOf(name);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Write(string name, byte[] data)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(data, 0, data.Length);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string name)
    {
        try
        {
            File.Delete(PathOf(name));
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public string[] List(string prefix)
    {
        if (!Directory.Exists(_root)) return [];
        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rel.Contains(".tmp-")) continue; // a write that did not finish
            if (rel.StartsWith(prefix, StringComparison.Ordinal)) names.Add(rel);
        }
        names.Sort(StringComparer.Ordinal);
        return names.ToArray();
    }

    string PathOf(string name)
    {
        if (name.Length == 0 || name.StartsWith('/') || name.Contains("..") || name.Contains('\\') || name.Contains('\0'))
            throw new ArgumentException($"not a store name: '{name}'");
        return Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
