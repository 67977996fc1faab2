using Gateway.Core.Frames;
using Gateway.Core.Frames.Tests;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// The differential against PacketDotNet 1.4.8 for every frame of the captures made from real
/// sessions (the hand-built samples are checked in Gateway.Core.Tests): every header field agrees.
/// </summary>
public class PacketDotNetCaptureTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data"), "*.pcap").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Every_frame_agrees_with_packetdotnet_field_by_field(string capture)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", capture));
        var reader = CaptureReader.Open(stream);
        var record = new CaptureRecord();
        int frames = 0;
        while (reader.TryRead(record))
        {
            var bytes = record.Data.AsSpan(0, record.Length).ToArray();
            try
            {
                PacketDotNetComparison.AssertAgrees(bytes, (LinkType)record.LinkType);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{capture} frame {record.Number}: {e.Message}");
            }
            frames++;
        }
        Assert.True(frames > 10, $"{capture}: only {frames} frames");
    }
}
