using Gateway.App.Commands;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as the text of a command mail: the block is found and parsed, its signature checked
/// against a fresh nonce journal, and every line parsed as a command, as the executor does.
/// None of these throws: a broken block has a Problem, a bad line is an Invalid command.
/// </summary>
public sealed class CommandTarget : IFuzzTarget
{
    static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    static readonly DateTime Now = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    // Made on first use: no instrumented code may run before SharpFuzz's fork server starts.
    CommandVerifier? _verifier;

    public string Name => "command";

    public string[] Instrument => ["Gateway.App.dll"];

    public void Run(byte[] input)
    {
        var block = CommandBlock.Parse(Utf8.Decode(input));
        if (block.Count > CommandBlock.MaxCommands)
            throw new FuzzContractException("a block of " + block.Count + " commands");
        var journal = NonceJournal.Open(new MemoryStore(), 600_000, Now, NullLog.Instance);
        (_verifier ??= new CommandVerifier(Key, "dev", 600_000)).Verify(block, Now, journal);
        for (int i = 0; i < block.Count; i++)
        {
            var command = CommandParser.Parse(block.Line(i));
            if (command.Kind == CommandKind.Invalid && string.IsNullOrEmpty(command.Error))
                throw new FuzzContractException("an invalid command without an error: " + block.Line(i));
        }
    }

    public bool IsTypedError(Exception e) => false;
}
