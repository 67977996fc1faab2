using System.Diagnostics;
using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

/// <summary>
/// Random mutations and truncations of the sample frames (seeded, so a failure replays) through the
/// decoder, the printer and every field explanation: nothing throws, and nothing reads outside the
/// slice. The slice sits at an offset inside a larger array whose guard bytes are changed between two
/// decodes of the same slice: any read outside it would change the result.
/// </summary>
public class FrameFuzzTests
{
    const int Iterations = 200_000;
    const int Seed = 9;
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    static readonly LinkType[] Links =
        { LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Ipv4, LinkType.Ipv6 };
    static readonly byte[] Interesting = { 0x00, 0x01, 0x02, 0x05, 0x06, 0x08, 0x0f, 0x11, 0x2c, 0x3a, 0x3c, 0x40, 0x45, 0x60, 0x7f, 0x80, 0x81, 0x86, 0x88, 0xa8, 0xdd, 0xf0, 0xff };

    [Fact]
    public void Mutated_and_truncated_frames_never_throw_nor_read_outside_the_slice()
    {
        var rng = new Random(Seed);
        var r = new FrameLayers();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            var (name, sample, link) = SampleFrames.All[rng.Next(SampleFrames.All.Length)];
            if (rng.Next(8) == 0) link = Links[rng.Next(Links.Length)];
            int offset = rng.Next(0, 24);
            var buffer = new byte[offset + sample.Length + 24];
            Buffer.BlockCopy(sample, 0, buffer, offset, sample.Length);
            int mutations = rng.Next(0, 5);
            for (int m = 0; m < mutations; m++)
            {
                int at = offset + rng.Next(sample.Length);
                buffer[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => Interesting[rng.Next(Interesting.Length)],
                    _ => (byte)(buffer[at] ^ (1 << rng.Next(8))),
                };
            }
            int length = rng.Next(4) == 0 ? rng.Next(sample.Length + 1) : sample.Length;

            Guard(buffer, offset, length, 0xA5);
            string first = Fingerprint(buffer, offset, length, link, r, name, i);
            Guard(buffer, offset, length, 0x5A);
            string second = Fingerprint(buffer, offset, length, link, r, name, i);
            Assert.True(first == second, $"iteration {i} ({name}): the result depends on bytes outside the slice");
        }
        Assert.True(watch.Elapsed < Budget, $"{Iterations} iterations took {watch.Elapsed}");
    }

    static void Guard(byte[] buffer, int offset, int length, byte value)
    {
        for (int i = 0; i < offset; i++) buffer[i] = value;
        for (int i = offset + length; i < buffer.Length; i++) buffer[i] = value;
    }

    static string Fingerprint(byte[] b, int offset, int length, LinkType link, FrameLayers r, string name, int iteration)
    {
        try
        {
            FrameDecoder.Decode(b, offset, length, link, r);
            string text = FramePrinter.Print(r);
            int end = offset + length;
            Assert.InRange(r.PayloadOffset, offset, end);
            Assert.InRange(r.PayloadOffset + r.PayloadLength, r.PayloadOffset, end);
            for (int l = 0; l < r.LayerCount; l++)
                for (int f = 0; f < r.FieldCount(l); f++)
                {
                    var field = r.GetField(l, f);
                    Assert.InRange(field.ByteOffset, offset, end);
                    Assert.InRange(field.ByteOffset + field.ByteLength, field.ByteOffset, end);
                    text += field.Info.Name + "=" + field.Value + "@" + field.ByteOffset + ":" + field.RawHex + ";";
                }
            return text;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"iteration {iteration} ({name}, {link}, offset {offset}, length {length}): {e}");
        }
    }
}
