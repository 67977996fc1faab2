namespace Gateway.FrameDebugger.Dialogue;

/// <summary>Names the TLS records (RFC 8446 5.1: type, version, length) in a run of bytes, without decrypting anything.</summary>
public static class TlsRecords
{
    public static string Describe(ReadOnlySpan<byte> data)
    {
        // One string per segment (the one-line view describes every TLS segment of a capture), built in a reused buffer.
        var text = Text.Clear();
        int i = 0, records = 0;
        while (i + 5 <= data.Length && data[i] >= 20 && data[i] <= 24 && data[i + 1] == 3)
        {
            int length = (data[i + 3] << 8) | data[i + 4];
            string type = data[i] switch
            {
                20 => "change cipher spec",
                21 => "alert",
                22 => data.Length > i + 5 ? Handshake(data[i + 5]) : "handshake",
                23 => "application data",
                _ => "heartbeat",
            };
            if (records++ > 0) text.Append(", ");
            text.Append(type).Append(" (").Append(length).Append(" bytes)");
            i += 5 + length;
        }
        if (records == 0) return $"{data.Length} bytes (continuation of a record)";
        if (i < data.Length) text.Append(", and ").Append(data.Length - i).Append(" bytes of the next");
        else if (i > data.Length) text.Append(" (continues in the next segment)");
        return text.ToString();
    }

    [ThreadStatic] static System.Text.StringBuilder? t_text;
    static System.Text.StringBuilder Text => t_text ??= new System.Text.StringBuilder(128);

    static string Handshake(byte type) => type switch
    {
        1 => "handshake: ClientHello",
        2 => "handshake: ServerHello",
        11 => "handshake: Certificate",
        12 => "handshake: ServerKeyExchange",
        14 => "handshake: ServerHelloDone",
        16 => "handshake: ClientKeyExchange",
        _ => "handshake (encrypted or type " + type + ")",
    };
}
