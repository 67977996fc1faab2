using System.CommandLine;
using Gateway.Host.Boards;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway board list`, `gateway board check BOARD CONFIG` and `gateway board provision BOARD CONFIG`:
/// which boards there are, whether a configuration's pins fit one, and a nanoff file deployment that puts
/// a checked configuration (and its CA) on the board's flash.
/// </summary>
static class BoardCommand
{
    public static Command Create()
    {
        var boardsOption = new Option<DirectoryInfo?>("--boards") { Description = "the folder of board profiles (default: the repository's boards/)" };
        var board = new Command("board", "Board profiles: list them, check a configuration's pins, provision a board.")
        {
            List(boardsOption), Check(boardsOption), Provision(boardsOption),
        };
        board.Options.Add(boardsOption);
        boardsOption.Recursive = true;
        return board;
    }

    static Command List(Option<DirectoryInfo?> boardsOption)
    {
        var list = new Command("list", "List the supported boards.");
        list.SetAction(parse =>
        {
            var catalog = Open(parse.GetValue(boardsOption));
            if (catalog == null) return 2;
            foreach (var b in catalog.Boards)
            {
                var ethernet = b.Get("phy") ?? $"{b.Get("spi-module")} SPI";
                Console.WriteLine($"{b.Name,-24} {b.Chip,-9} {ethernet,-11} psram {b.Get("psram"),-12} {b.Get("description")}");
            }
            return 0;
        });
        return list;
    }

    static Command Check(Option<DirectoryInfo?> boardsOption)
    {
        var boardArg = BoardArgument();
        var configArg = new Argument<FileInfo>("CONFIG") { Description = "the configuration file" };
        var check = new Command("check", "Refuse a configuration that puts a sensor or relay on a pin the board reserves.") { boardArg, configArg };
        check.SetAction(parse =>
        {
            var board = Find(parse.GetValue(boardsOption), parse.GetValue(boardArg)!);
            if (board == null) return 2;
            var path = parse.GetValue(configArg)!.FullName;
            var config = ConfigFile.Load(path, Console.Error);
            if (config == null) return 1;
            var problems = BoardCheck.Check(board, config);
            foreach (var p in problems) Console.Error.WriteLine($"{path}: {p}");
            if (problems.Length > 0) return 1;
            Console.Error.WriteLine($"{path}: pins ok for {board.Name}");
            return 0;
        });
        return check;
    }

    static Command Provision(Option<DirectoryInfo?> boardsOption)
    {
        var boardArg = BoardArgument();
        var configArg = new Argument<FileInfo>("CONFIG") { Description = "the configuration file (it holds passwords: it is copied, never printed)" };
        var caOption = new Option<FileInfo?>("--ca") { Description = "a PEM CA certificate, deployed to the I:\\ path smtp.ca / pop3.ca name" };
        var portOption = new Option<string?>("--port") { Description = "the board's serial port, written into the deployment (e.g. /dev/ttyUSB0, COM5)" };
        var outOption = new Option<DirectoryInfo?>("--out") { Description = "the folder for deploy.json and the copies (default: ./provision-BOARD)" };
        var provision = new Command("provision",
            "Check a configuration for a board and write a nanoff file deployment that puts it (and its CA) on the board's flash.")
        {
            boardArg, configArg, caOption, portOption, outOption,
        };
        provision.SetAction(parse =>
        {
            var board = Find(parse.GetValue(boardsOption), parse.GetValue(boardArg)!);
            if (board == null) return 2;
            var outDir = parse.GetValue(outOption)?.FullName ?? Path.GetFullPath($"provision-{board.Name}");
            return BoardProvisioning.Run(board, parse.GetValue(configArg)!.FullName, parse.GetValue(caOption)?.FullName,
                parse.GetValue(portOption), outDir, Console.Out, Console.Error);
        });
        return provision;
    }

    static Argument<string> BoardArgument() => new("BOARD") { Description = "the nanoff target, e.g. ESP32_OLIMEX" };

    static BoardProfile? Find(DirectoryInfo? folder, string name)
    {
        var catalog = Open(folder);
        if (catalog == null) return null;
        var board = catalog.Find(name);
        if (board == null)
            Console.Error.WriteLine($"unknown board {name}; known: {string.Join(", ", catalog.Boards.Select(b => b.Name))}");
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
