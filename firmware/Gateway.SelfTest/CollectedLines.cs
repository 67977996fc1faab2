using Gateway.Core.Text;

namespace Gateway.SelfTest;

/// <summary>A line sink that keeps what a client streamed to it, each line ended by "\n", to compare with the script.</summary>
public sealed class CollectedLines : ILineSink
{
    public string Text = "";

    public void Line(byte[] buffer, int offset, int count) => Text += Utf8.Decode(buffer, offset, count) + "\n";
}
