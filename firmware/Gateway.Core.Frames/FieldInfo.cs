namespace Gateway.Core.Frames;

/// <summary>
/// One header field as a textbook diagram draws it: name, position in bits from the header's first
/// bit, width in bits, and what the field is for. The tables live beside each view's offsets.
/// </summary>
public readonly struct FieldInfo
{
    public FieldInfo(string name, int bitOffset, int bitLength, string meaning)
    {
        Name = name;
        BitOffset = bitOffset;
        BitLength = bitLength;
        Meaning = meaning;
    }

    public string Name { get; }
    public int BitOffset { get; }
    public int BitLength { get; }
    public string Meaning { get; }

    /// <summary>The same field moved <paramref name="bytes"/> further into the header (a repeated tag, an option).</summary>
    public FieldInfo At(int bytes, int bitLength) => new FieldInfo(Name, BitOffset + bytes * 8, bitLength, Meaning);

    public FieldInfo At(int bytes) => At(bytes, BitLength);
}
