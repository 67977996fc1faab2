using Gateway.FrameDebugger.Capture;

namespace Gateway.Fuzz.Targets;

/// <summary>What the capture targets share: read every record and check it describes bytes it holds.</summary>
static class CaptureTargets
{
    public static void ReadAll(CaptureReader reader)
    {
        _ = reader.Format;
        var record = new CaptureRecord();
        int count = 0;
        while (reader.TryRead(record))
        {
            count++;
            if (record.Number != count)
                throw new FuzzContractException("record " + count + " numbered " + record.Number);
            if (record.Length < 0 || record.Length > record.Data.Length)
                throw new FuzzContractException("record " + count + " of " + record.Length + " bytes in a buffer of " + record.Data.Length);
        }
    }
}
