namespace Gateway.Host.Boards;

/// <summary>The profiles in a boards/ folder, one NAME.board file each; a profile's `based-on` file lives beside it.</summary>
public sealed class BoardCatalog
{
    readonly BoardProfile[] _boards;

    BoardCatalog(BoardProfile[] boards) => _boards = boards;

    public IReadOnlyList<BoardProfile> Boards => _boards;

    public BoardProfile? Find(string name) => _boards.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    public static BoardCatalog Load(string folder)
    {
        var boards = Directory.GetFiles(folder, "*.board")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => BoardProfile.Parse(File.ReadAllText(f), Path.GetFileName(f), name => ReadBase(folder, name)))
            .ToArray();
        return new BoardCatalog(boards);
    }

    /// <summary>A base file by its bare name in the same folder; a path is refused, so a profile cannot reach outside boards/.</summary>
    static string? ReadBase(string folder, string name)
    {
        if (name.Length == 0 || name != Path.GetFileName(name)) return null;
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>The repository's boards/ folder: next to the program or in a parent of the current folder.</summary>
    public static string? FindFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "boards");
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.board").Length > 0) return candidate;
            }
        }
        return null;
    }
}
