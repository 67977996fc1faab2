namespace Gateway.Core.Frames;

/// <summary>
/// Why a header could not be decoded: the layer, what was wrong and where. A view reports the
/// offset in its byte array; <see cref="FrameDecoder"/> rebases it to the start of the frame.
/// </summary>
public readonly struct FrameError
{
    public FrameError(FrameLayer layer, FrameErrorKind kind, int offset)
    {
        Layer = layer;
        Kind = kind;
        Offset = offset;
    }

    public FrameLayer Layer { get; }
    public FrameErrorKind Kind { get; }
    public int Offset { get; }

    public bool IsNone => Kind == FrameErrorKind.None;

    internal FrameError Rebased(int start) => new FrameError(Layer, Kind, Offset - start);

    public override string ToString() =>
        IsNone ? "no error" : FrameNames.Layer(Layer) + ": " + FrameNames.ErrorKind(Kind) + " at offset " + Text.Ascii.FromInt(Offset);
}
