using System.CommandLine;
using Gateway.Host.Commands;

var root = new RootCommand("Gateway: the embedded mail gateway as a virtual device, and its tools.");
root.Add(DemoCommand.Create());
root.Add(CheckConfigCommand.Create());
root.Add(AlertCommand.Create());
root.Add(RunCommand.Create());
root.Add(SendCommandCommand.Create());
root.Add(PollCommand.Create());
root.Add(MailboxCommand.Create());
root.Add(BoardCommand.Create());
root.Add(DoctorCommand.Create());
return root.Parse(args).Invoke();
