using System;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// Runs a command mail at most once, in exactly this order: verify (<see cref="CommandVerifier"/>) ->
/// record the nonce (<see cref="NonceJournal.Record"/>, a store write that completes before anything
/// moves) -> execute each command -> return the report, from which the caller queues the reply and only
/// then reboots if asked. A crash after the record loses at most the execution, never repeats it. No
/// command line can throw out of here: each failure is that command's error line.
/// </summary>
public sealed class CommandExecutor
{
    readonly CommandVerifier _verifier;
    readonly NonceJournal _journal;
    readonly IActuator[] _actuators;
    readonly IStatusProvider _status;
    readonly CommandSettings _settings;
    readonly ILog _log;

    public CommandExecutor(CommandVerifier verifier, NonceJournal journal, IActuator[] actuators, IStatusProvider status, CommandSettings settings, ILog log)
    {
        _verifier = verifier;
        _journal = journal;
        _actuators = actuators;
        _status = status;
        _settings = settings;
        _log = log;
    }

    /// <summary>Finds the signed block in a mail's text and runs it.</summary>
    public CommandReport Run(string mailText, DateTime nowUtc) => Run(CommandBlock.Parse(mailText), nowUtc);

    public CommandReport Run(CommandBlock block, DateTime nowUtc)
    {
        var verdict = _verifier.Verify(block, nowUtc, _journal);
        if (!verdict.Accepted)
        {
            _log.Write(LogLevel.Warning, "command mail rejected: " + verdict.Reason);
            return new CommandReport(verdict, new string[0], false);
        }
        var auth = block.Auth!;
        try
        {
            _journal.Record(auth.Nonce, auth.Timestamp, nowUtc);
        }
        catch (Exception e)
        {
            // Without a durable record the command could run twice: run nothing.
            var failed = new VerifyResult(VerifyOutcome.NotRecorded, "not executed: the nonce could not be recorded (" + e.GetType().Name + ")");
            _log.Write(LogLevel.Error, "command mail not executed: storing its nonce failed: " + e.Message);
            return new CommandReport(failed, new string[0], false);
        }

        var lines = new string[block.Count];
        bool reboot = false;
        for (int i = 0; i < block.Count; i++)
        {
            var command = CommandParser.Parse(block.Line(i));
            string result;
            try
            {
                result = Execute(command);
            }
            catch (Exception e)
            {
                result = "error: " + Ascii.Excerpt(e.Message, 80);
            }
            if (command.Kind == CommandKind.Reboot) reboot = true;
            lines[i] = command.Label + ": " + result;
            _log.Write(LogLevel.Info, "command: " + lines[i]);
        }
        return new CommandReport(verdict, lines, reboot);
    }

    string Execute(Command c)
    {
        switch (c.Kind)
        {
            case CommandKind.Ping:
                return "pong";
            case CommandKind.Help:
                return CommandParser.Help;
            case CommandKind.Status:
                return _status.Status();
            case CommandKind.Reboot:
                return "ok, rebooting once this reply is queued";
            case CommandKind.Get:
                return _settings.TryGet(c.Argument, out string value, out string why) ? value : "error: " + why;
            case CommandKind.Set:
                return _settings.TrySet(c.Argument, c.Value, out string problem) ? "ok" : "error: " + problem;
            case CommandKind.Relay:
                return Relay(c.Argument, c.Value);
            default:
                return "error: " + c.Error;
        }
    }

    string Relay(string name, string action)
    {
        IActuator? a = null;
        for (int i = 0; i < _actuators.Length && a == null; i++)
            if (Ascii.EqualsIgnoreCase(_actuators[i].Name, name)) a = _actuators[i];
        if (a == null) return "error: no relay named " + Ascii.Excerpt(name, 32) + " (relays: " + Names() + ")";
        string was = a.State;
        string target = action == "toggle" ? (was == "on" ? "off" : "on") : action;
        a.Set(target);
        return "ok (was " + was + ")";
    }

    string Names()
    {
        if (_actuators.Length == 0) return "none";
        string s = "";
        for (int i = 0; i < _actuators.Length; i++)
            s = i == 0 ? _actuators[i].Name : s + ", " + _actuators[i].Name;
        return s;
    }
}
