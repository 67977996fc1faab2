using Gateway.FrameDebugger.Capture;

namespace Gateway.Fuzz.Targets;

/// <summary>The input as a pcap or pcapng file, read record by record as framedbg does: frames or a CaptureFormatException naming the damage.</summary>
public sealed class PcapTarget : IFuzzTarget
{
    public string Name => "pcap";

    public string[] Instrument => ["framedbg.dll"];

    public void Run(byte[] input) => CaptureTargets.ReadAll(CaptureReader.Open(new MemoryStream(input, writable: false)));

    public bool IsTypedError(Exception e) => e is CaptureFormatException;
}
