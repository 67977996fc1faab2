using Gateway.FrameDebugger.Capture;

namespace Gateway.Fuzz.Targets;

/// <summary>The input as hex text (plain, xxd, hexdump -C, tcpdump -xx, Wireshark): frames or a CaptureFormatException naming the line.</summary>
public sealed class HexTarget : IFuzzTarget
{
    public string Name => "hex";

    public string[] Instrument => ["framedbg.dll"];

    public void Run(byte[] input) => CaptureTargets.ReadAll(new HexDumpReader(new MemoryStream(input, writable: false), 1));

    public bool IsTypedError(Exception e) => e is CaptureFormatException;
}
