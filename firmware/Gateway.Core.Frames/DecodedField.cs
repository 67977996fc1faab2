namespace Gateway.Core.Frames;

/// <summary>A field of a decoded header: its description, where its bytes are, and its value as text.</summary>
public readonly struct DecodedField
{
    public DecodedField(FieldInfo info, byte[] buffer, int headerOffset, string value)
    {
        Info = info;
        Buffer = buffer;
        HeaderOffset = headerOffset;
        Value = value;
    }

    public FieldInfo Info { get; }
    public byte[] Buffer { get; }
    /// <summary>Index in <see cref="Buffer"/> of the header's first byte.</summary>
    public int HeaderOffset { get; }
    /// <summary>The value for a reader: a number, an address, flag names, an enum name or hex for unknown values.</summary>
    public string Value { get; }

    /// <summary>Index in <see cref="Buffer"/> of the first byte holding the field.</summary>
    public int ByteOffset => HeaderOffset + Info.BitOffset / 8;

    /// <summary>Bytes that hold (some bits of) the field.</summary>
    public int ByteLength => (Info.BitOffset % 8 + Info.BitLength + 7) / 8;

    /// <summary>The raw bytes holding the field, as hex pairs.</summary>
    public string RawHex => FrameText.Hex(Buffer, ByteOffset, ByteLength);

    /// <summary>The field's bits as a number (fields up to 64 bits; wider ones give their first 64 bits).</summary>
    public ulong Bits => FrameText.ReadBits(Buffer, HeaderOffset, Info.BitOffset, Info.BitLength < 64 ? Info.BitLength : 64);

    internal static DecodedField Of(FieldInfo info, byte[] b, int headerOffset, string? value) =>
        new DecodedField(info, b, headerOffset,
            value ?? FrameText.Decimal((long)FrameText.ReadBits(b, headerOffset, info.BitOffset, info.BitLength < 64 ? info.BitLength : 64)));
}
