using SharpFuzz;

namespace Gateway.Fuzz;

public static class Program
{
    const string Usage = """
        usage: Gateway.Fuzz TARGET                            run under afl-fuzz (input on stdin; see tools/fuzz/run)
               Gateway.Fuzz TARGET --replay FILE_OR_DIR [--timeout SECONDS]
                                                              run saved inputs in-process; exit 1 on a crash or hang
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine(Usage + "targets: " + FuzzTargets.Names);
            return 2;
        }
        if (args.Length == 1)
        {
            // A hang or a crash the runtime cannot catch (stack overflow) kills only the child that
            // runs the inputs; the fork server starts a new one, so afl-fuzz sees a hang or a crash.
            bool canary = Environment.GetEnvironmentVariable("GATEWAY_FUZZ_CANARY") == "1";
            Fuzzer.OutOfProcess.Run(stream =>
            {
                var input = new MemoryStream();
                stream.CopyTo(input);
                if (canary) Canary.Check(input.ToArray());
                FuzzRunner.RunLettingDefectsEscape(target, input.ToArray());
            });
            return 0;
        }
        if (args.Length >= 3 && args[1] == "--replay")
        {
            var timeout = FuzzRunner.DefaultTimeout;
            if (args.Length == 5 && args[3] == "--timeout" && double.TryParse(args[4], out double seconds))
                timeout = TimeSpan.FromSeconds(seconds);
            else if (args.Length != 3)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            if (!File.Exists(args[2]) && !Directory.Exists(args[2]))
            {
                Console.Error.WriteLine($"no such file or folder: {args[2]}");
                return 2;
            }
            return Replay.Run(target, args[2], timeout, Console.Out) == 0 ? 0 : 1;
        }
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
