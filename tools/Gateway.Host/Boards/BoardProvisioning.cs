using Gateway.Core.Config;

namespace Gateway.Host.Boards;

/// <summary>
/// `gateway board provision`: checks a configuration for a board (the checks of `check-config` and
/// `board check`), then writes a folder for nanoff's file deployment: copies of the configuration and the
/// CA, and deploy.json putting them at I:\gateway.conf and the CA path the configuration names. Nothing
/// it prints holds a secret: paths, sizes and the nanoff command only.
/// </summary>
public static class BoardProvisioning
{
    /// <summary>Where the firmware reads its configuration (firmware/Gateway.Firmware/Boot/ConfigLoader.cs).</summary>
    public const string ConfigDestination = @"I:\gateway.conf";

    /// <summary>The version file of the compiled-in fallback; deleted so the deployed file wins from now on.</summary>
    public const string FallbackVersionFile = @"I:\gateway.ver";

    public const string DeploymentFileName = "deploy.json";

    const string BoardDrive = @"I:\";

    /// <returns>0 when the folder was written, 1 when the configuration or the CA was refused.</returns>
    public static int Run(BoardProfile board, string configPath, string? caPath, string? port, string outDir, TextWriter output, TextWriter error)
    {
        var config = ConfigFile.Load(configPath, error);
        if (config == null) return 1;
        var problems = new List<string>(BoardCheck.Check(board, config));
        var caDestinations = CaDestinations(config);
        if (caPath != null && caDestinations.Count == 0)
            problems.Add($"--ca {caPath}: neither smtp.ca nor pop3.ca names a file on the board (set smtp.ca = {BoardDrive}ca.pem)");
        if (caPath != null && CaFile.Check(caPath, out var caProblem) == 0)
            problems.Add(caProblem!);
        if (problems.Count > 0)
        {
            foreach (var p in problems) error.WriteLine($"{configPath}: {p}");
            error.WriteLine($"{configPath}: not provisioned for {board.Name}: {problems.Count} problem(s)");
            return 1;
        }

        Directory.CreateDirectory(outDir);
        // The copy holds passwords and the command key: keep the folder out of any repository it lands in.
        File.WriteAllText(Path.Combine(outDir, ".gitignore"), "*\n");
        var deployment = new FileDeployment { SerialPort = port };
        var configCopy = CopyInto(outDir, configPath, "gateway.conf");
        deployment.Copy(ConfigDestination, configCopy);
        deployment.Delete(FallbackVersionFile);
        output.WriteLine($"{ConfigDestination} <- {configCopy} ({new FileInfo(configCopy).Length} bytes)");
        if (caPath != null)
        {
            var caCopy = CopyInto(outDir, caPath, "ca.pem");
            foreach (var destination in caDestinations)
            {
                deployment.Copy(destination, caCopy);
                output.WriteLine($"{destination} <- {caCopy} ({new FileInfo(caCopy).Length} bytes)");
            }
        }
        foreach (var note in Notes(config, caPath, caDestinations)) error.WriteLine($"{configPath}: note: {note}");

        var json = Path.GetFullPath(Path.Combine(outDir, DeploymentFileName));
        File.WriteAllText(json, deployment.ToJson());
        output.WriteLine($"wrote {json} for {board.Name}; {outDir} holds the configuration's passwords: delete it once deployed");
        output.WriteLine("deploy with nanoff 2.5 (the board running nanoFramework, connected by USB):");
        output.WriteLine(port != null ? $"  nanoff --filedeployment \"{json}\"" : $"  nanoff --filedeployment \"{json}\" --serialport PORT");
        return 0;
    }

    /// <summary>The board paths (I:\...) that smtp.ca and pop3.ca name, each once.</summary>
    static List<string> CaDestinations(GatewayConfig config)
    {
        var paths = new List<string>();
        foreach (var key in new[] { "smtp.ca", "pop3.ca" })
        {
            var value = config.GetString(key);
            if (value != null && value.StartsWith(BoardDrive, StringComparison.OrdinalIgnoreCase) && !paths.Contains(value, StringComparer.OrdinalIgnoreCase))
                paths.Add(value);
        }
        return paths;
    }

    static IEnumerable<string> Notes(GatewayConfig config, string? caPath, List<string> caDestinations)
    {
        if (caPath == null)
            foreach (var destination in caDestinations)
                yield return $"{destination} is not in this deployment (no --ca): the board must already have it";
        foreach (var key in new[] { "smtp.ca", "pop3.ca" })
            if (config.GetString(key) == "embedded")
                yield return $"{key} = embedded uses Provisioning.CaPem compiled into the app (the fallback); --ca with {key} = {BoardDrive}ca.pem keeps the CA out of the source";
    }

    static string CopyInto(string outDir, string source, string name)
    {
        var target = Path.GetFullPath(Path.Combine(outDir, name));
        if (Path.GetFullPath(source) != target) File.Copy(source, target, overwrite: true);
        return target;
    }
}
