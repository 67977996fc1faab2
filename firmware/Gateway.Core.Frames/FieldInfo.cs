namespace Gateway.Core.Frames;

/// <summary>
/// One header field as a textbook diagram draws it: name, position in bits from the header's first
/// bit, width in bits, and what the field is for. Each view's table is made from the same
/// <see cref="FieldLayout"/> constants its accessors read.
/// </summary>
public readonly struct FieldInfo
{
    /// <param name="field">Where the field is, as a <see cref="FieldLayout"/> constant: the same one the view's accessor reads.</param>
    public FieldInfo(string name, int field, string meaning)
        : this(name, FieldLayout.BitOffset(field), FieldLayout.Width(field), meaning)
    {
    }

    /// <summary>A field whose place the header says (an option, an address of the length ARP gives).</summary>
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
