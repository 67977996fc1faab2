using System.CommandLine;
using Gateway.Host.Boards;

namespace Gateway.Host.Commands;

/// <summary>`gateway board list` and `gateway board check BOARD CONFIG`: which boards there are, and whether a configuration's pins fit one.</summary>
static class BoardCommand
{
    public static Command Create()
    {
        var boardsOption = new Option<DirectoryInfo?>("--boards") { Description = "the folder of board profiles (default: the repository's boards/)" };
        var list = new Command("list", "List the supported boards.");
        list.SetAction(parse =>
        {
            var catalog = Open(parse.GetValue(boardsOption));
            if (catalog == null) return 2;
            foreach (var b in catalog.Boards)
                Console.WriteLine($"{b.Name,-24} {b.Get("phy"),-8} psram {b.Get("psram"),-12} {b.Get("description")}");
            return 0;
        });
        var boardArg = new Argument<string>("BOARD") { Description = "the nanoff target, e.g. ESP32_OLIMEX" };
        var configArg = new Argument<FileInfo>("CONFIG") { Description = "the configuration file" };
        var check = new Command("check", "Refuse a configuration that puts a sensor or relay on a pin the board reserves.") { boardArg, configArg };
        check.SetAction(parse =>
        {
            var catalog = Open(parse.GetValue(boardsOption));
            if (catalog == null) return 2;
            var name = parse.GetValue(boardArg)!;
            var board = catalog.Find(name);
            if (board == null)
            {
                Console.Error.WriteLine($"unknown board {name}; known: {string.Join(", ", catalog.Boards.Select(b => b.Name))}");
                return 2;
            }
            var path = parse.GetValue(configArg)!.FullName;
            var config = ConfigFile.Load(path, Console.Error);
            if (config == null) return 1;
            var problems = BoardCheck.Check(board, config);
            foreach (var p in problems) Console.Error.WriteLine($"{path}: {p}");
            if (problems.Length > 0) return 1;
            Console.Error.WriteLine($"{path}: pins ok for {board.Name}");
            return 0;
        });
        var board = new Command("board", "Board profiles: list them, check a configuration's pins.") { list, check };
        board.Options.Add(boardsOption);
        boardsOption.Recursive = true;
        return board;
    }

    static BoardCatalog? Open(DirectoryInfo? folder)
    {
        var path = folder?.FullName ?? BoardCatalog.FindFolder();
        if (path == null || !Directory.Exists(path))
        {
            Console.Error.WriteLine("no boards/ folder found; pass --boards DIR");
            return null;
        }
        return BoardCatalog.Load(path);
    }
}
