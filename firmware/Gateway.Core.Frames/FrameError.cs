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

    /// <summary>Sets <paramref name="error"/> and returns -1: keeps the header checks small enough for the JIT to inline.</summary>
    internal static int Fail(out FrameError error, FrameLayer layer, FrameErrorKind kind, int offset)
    {
        error = new FrameError(layer, kind, offset);
        return -1;
    }

    internal FrameError Rebased(int start) => new FrameError(Layer, Kind, Offset - start);

    public override string ToString() =>
        IsNone ? "no error" : FrameNames.Layer(Layer) + ": " + FrameNames.ErrorKind(Kind) + " at offset " + FrameText.Decimal(Offset);
}
