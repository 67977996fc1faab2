using Gateway.Core.Config;
using System.CommandLine;
using Gateway.Host.Doctor;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway doctor --config FILE [--json] [--send-test]`: why does the gateway's mail not work? Each
/// check prints PASS/WARN/FAIL with its time and, for a known failure, what to do. Exit 0 only when
/// nothing failed.
/// </summary>
static class DoctorCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the configuration file", Required = true };
        var json = new Option<bool>("--json") { Description = "write one JSON document with the steps instead of text" };
        var sendTest = new Option<bool>("--send-test") { Description = "also send a test alert to alert.to" };
        var command = new Command("doctor", "Check the mail servers step by step and say what is wrong.") { config, json, sendTest };
        command.SetAction(parse =>
        {
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error);
            if (cfg == null) return 2;
            bool asJson = parse.GetValue(json);
            var report = GatewayDoctor.Run(cfg, parse.GetValue(sendTest), step =>
            {
                if (!asJson) Console.WriteLine(DoctorReport.Format(step));
            });
            if (asJson)
                Console.WriteLine(report.ToJson());
            else
                Console.WriteLine(report.Passed ? "all checks passed" : $"{report.Steps.Count(s => s.Status == DoctorStatus.Fail)} check(s) failed");
            return report.Passed ? 0 : 1;
        });
        return command;
    }
}
