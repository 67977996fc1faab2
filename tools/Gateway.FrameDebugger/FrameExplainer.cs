using System.Text;
using Gateway.Core.Frames;

namespace Gateway.FrameDebugger;

/// <summary>
/// The field-by-field view of one frame: the layers as the core prints them, each header's fields
/// with offset, raw bytes, value and meaning, and a hex dump marking which header owns each byte.
/// </summary>
public static class FrameExplainer
{
    /// <param name="shown">The frame's bytes as the hex dump shows them (credentials masked); null: the frame itself.</param>
    public static string Explain(FrameLayers r, byte[]? shown = null)
    {
        var text = new StringBuilder();
        text.Append(FramePrinter.Print(r));
        var frame = r.Frame!;
        for (int l = 0; l < r.LayerCount; l++)
        {
            text.Append('\n').Append(FrameNames.Layer(r.LayerAt(l))).Append('\n');
            for (int f = 0; f < r.FieldCount(l); f++)
            {
                var field = r.GetField(l, f);
                string bits = field.Info.BitOffset % 8 != 0 || field.Info.BitLength % 8 != 0
                    ? $" bits {field.Info.BitOffset % 8}-{field.Info.BitOffset % 8 + field.Info.BitLength - 1}"
                    : "";
                string raw = field.ByteLength <= 8 ? field.RawHex : field.RawHex[..16] + "..";
                text.Append($"  {field.ByteOffset - r.FrameOffset,4}  {raw,-18} {field.Info.Name + bits,-26} = {field.Value}\n");
                text.Append($"  {"",4}  {"",-18} {"",-26}   {field.Info.Meaning}\n");
            }
        }
        text.Append('\n').Append(shown is null ? HexDump(frame, r.FrameOffset, r.FrameLength, Owners(r)) : HexDump(shown, 0, r.FrameLength, Owners(r)));
        return text.ToString();
    }

    /// <summary>A letter per byte for the header that holds it: E(thernet) L(ink) A(RP) 4 6 T U I(CMP), '.' for payload.</summary>
    static char[] Owners(FrameLayers r)
    {
        var owners = new char[r.FrameLength];
        Array.Fill(owners, ' ');
        for (int l = 0; l < r.LayerCount; l++)
        {
            var layer = r.LayerAt(l);
            char mark = layer switch
            {
                FrameLayer.Ethernet => 'E',
                FrameLayer.LinuxSll or FrameLayer.LinuxSll2 or FrameLayer.Loopback => 'L',
                FrameLayer.Arp => 'A',
                FrameLayer.Ipv4 => '4',
                FrameLayer.Ipv6 => '6',
                FrameLayer.Tcp => 'T',
                FrameLayer.Udp => 'U',
                _ => 'I',
            };
            for (int f = 0; f < r.FieldCount(l); f++)
            {
                var field = r.GetField(l, f);
                for (int i = 0; i < field.ByteLength; i++)
                {
                    int at = field.ByteOffset - r.FrameOffset + i;
                    if (at >= 0 && at < owners.Length) owners[at] = mark;
                }
            }
        }
        for (int i = 0; i < r.PayloadLength; i++)
        {
            int at = r.PayloadOffset - r.FrameOffset + i;
            if (at >= 0 && at < owners.Length && owners[at] == ' ') owners[at] = '.';
        }
        return owners;
    }

    public static string HexDump(byte[] b, int offset, int length, char[]? owners)
    {
        var text = new StringBuilder();
        for (int row = 0; row < length; row += 16)
        {
            int n = Math.Min(16, length - row);
            text.Append($"{row:x4}  ");
            for (int i = 0; i < 16; i++)
                text.Append(i < n ? b[offset + row + i].ToString("x2") + " " : "   ").Append(i == 7 ? " " : "");
            text.Append(' ');
            for (int i = 0; i < n; i++)
            {
                byte c = b[offset + row + i];
                text.Append(c >= 0x20 && c < 0x7f ? (char)c : '.');
            }
            text.Append('\n');
            if (owners != null)
            {
                text.Append("      ");
                for (int i = 0; i < n; i++) text.Append(owners[row + i]).Append("  ").Append(i == 7 ? " " : "");
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
