using System;
using System.IO;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Firmware.Platform;

/// <summary>
/// The store on the board's internal flash (LittleFS, drive I:). A name such as "outbox/00000012"
/// becomes one file "I:\gw\outbox~00000012": a flat folder keeps <see cref="List"/> one directory read.
/// Write is atomic by write-temp, delete-old, rename: File.Move refuses an existing target on
/// nanoFramework, and a power cut between delete and rename leaves only the complete temp file,
/// which <see cref="Read"/> and <see cref="List"/> then take as the content.
/// </summary>
public sealed class FlashStore : IStore
{
    const string TempSuffix = ".new";
    const char Separator = '~';
    readonly string _root;

    /// <param name="root">The folder, e.g. I:\gw (created when missing).</param>
    public FlashStore(string root)
    {
        _root = root;
        if (!Directory.Exists(_root)) Directory.CreateDirectory(_root);
    }

    public byte[]? Read(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path)) return File.ReadAllBytes(path);
        if (File.Exists(path + TempSuffix))
        {
            // The last write stopped after deleting the old file: finish it.
            File.Move(path + TempSuffix, path);
            return File.ReadAllBytes(path);
        }
        return null;
    }

    public void Write(string name, byte[] data)
    {
        var path = PathOf(name);
        var temp = path + TempSuffix;
        if (File.Exists(temp)) File.Delete(temp);
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(data, 0, data.Length);
            file.Flush();
        }
        if (File.Exists(path)) File.Delete(path);
        File.Move(temp, path);
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path)) File.Delete(path);
        if (File.Exists(path + TempSuffix)) File.Delete(path + TempSuffix);
    }

    public string[] List(string prefix)
    {
        var files = Directory.GetFiles(_root);
        var names = new string[files.Length];
        int count = 0;
        for (int i = 0; i < files.Length; i++)
        {
            var file = FileName(files[i]);
            if (Ascii.EndsWith(file, TempSuffix))
            {
                // A temp file counts only when its target is gone (the rename did not happen).
                file = file.Substring(0, file.Length - TempSuffix.Length);
                if (ContainsName(files, file)) continue;
            }
            var name = Swap(file, Separator, '/');
            if (Ascii.StartsWith(name, prefix)) names[count++] = name;
        }
        var result = new string[count];
        Array.Copy(names, result, count);
        SortOrdinal(result);
        return result;
    }

    string PathOf(string name)
    {
        if (name.IndexOf(Separator) >= 0 || name.IndexOf('\\') >= 0 || name.IndexOf(':') >= 0)
            throw new ArgumentException("store name " + name + " has a character the flash store reserves");
        return _root + "\\" + Swap(name, '/', Separator);
    }

    static string FileName(string path)
    {
        int slash = path.LastIndexOf('\\');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    static bool ContainsName(string[] paths, string name)
    {
        for (int i = 0; i < paths.Length; i++)
            if (FileName(paths[i]) == name) return true;
        return false;
    }

    static void SortOrdinal(string[] names)
    {
        // Insertion sort: the store holds tens of names, and nanoFramework has no Array.Sort.
        for (int i = 1; i < names.Length; i++)
        {
            var key = names[i];
            int j = i - 1;
            while (j >= 0 && CompareOrdinal(names[j], key) > 0)
            {
                names[j + 1] = names[j];
                j--;
            }
            names[j + 1] = key;
        }
    }

    /// <summary>nanoFramework's string has no Replace: swap one character through a char array.</summary>
    static string Swap(string s, char from, char to)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            if (chars[i] == from) chars[i] = to;
        return new string(chars);
    }

    static int CompareOrdinal(string a, string b)
    {
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
            if (a[i] != b[i]) return a[i] - b[i];
        return a.Length - b.Length;
    }
}
