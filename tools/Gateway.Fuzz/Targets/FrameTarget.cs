using Gateway.Core.Frames;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as a captured frame: its first byte picks the link type, the rest is the frame. It is
/// decoded, printed and every field explained, twice, with the slice inside a larger buffer whose guard
/// bytes differ between the two: a read outside the slice shows as a different result. The decoder has
/// no exceptions; a bad frame is a FrameError.
/// </summary>
public sealed class FrameTarget : IFuzzTarget
{
    static readonly LinkType[] Links =
        [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Ipv4, LinkType.Ipv6];

    const int Guard = 16;

    // Made on first use: an instrumented assembly's code must not run before SharpFuzz's fork server
    // has mapped the coverage memory, and the targets are constructed before it.
    FrameLayers? _layers;

    public string Name => "frame";

    public string[] Instrument => ["Gateway.Core.Frames.dll"];

    public void Run(byte[] input)
    {
        if (input.Length == 0) return;
        var link = Links[input[0] % Links.Length];
        int length = input.Length - 1;
        var buffer = new byte[Guard + length + Guard];
        Buffer.BlockCopy(input, 1, buffer, Guard, length);
        Fill(buffer, length, 0xA5);
        string first = Fingerprint(buffer, length, link);
        Fill(buffer, length, 0x5A);
        string second = Fingerprint(buffer, length, link);
        if (first != second)
            throw new FuzzContractException("the decode depends on bytes outside the slice");
    }

    static void Fill(byte[] buffer, int length, byte value)
    {
        for (int i = 0; i < Guard; i++) buffer[i] = value;
        for (int i = Guard + length; i < buffer.Length; i++) buffer[i] = value;
    }

    string Fingerprint(byte[] b, int length, LinkType link)
    {
        var r = _layers ??= new FrameLayers();
        FrameDecoder.Decode(b, Guard, length, link, r);
        var text = new System.Text.StringBuilder(FramePrinter.Print(r));
        int end = Guard + length;
        Within("payload", r.PayloadOffset, r.PayloadLength, end);
        text.Append(r.NetworkChecksum).Append(r.TransportChecksum);
        for (int l = 0; l < r.LayerCount; l++)
            for (int f = 0; f < r.FieldCount(l); f++)
            {
                var field = r.GetField(l, f);
                Within(field.Info.Name, field.ByteOffset, field.ByteLength, end);
                text.Append(field.Info.Name).Append('=').Append(field.Value).Append('@').Append(field.ByteOffset).Append(':').Append(field.RawHex).Append(';');
            }
        return text.ToString();
    }

    static void Within(string what, int offset, int length, int end)
    {
        if (offset < Guard || length < 0 || offset + length > end)
            throw new FuzzContractException(what + " at " + (offset - Guard) + "+" + length + " lies outside the frame of " + (end - Guard) + " bytes");
    }

    public bool IsTypedError(Exception e) => false;
}
