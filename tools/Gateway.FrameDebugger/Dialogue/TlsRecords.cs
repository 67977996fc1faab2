namespace Gateway.FrameDebugger.Dialogue;

/// <summary>Names the TLS records (RFC 8446 5.1: type, version, length) in a run of bytes, without decrypting anything.</summary>
public static class TlsRecords
{
    public static string Describe(ReadOnlySpan<byte> data)
    {
        var parts = new List<string>();
        int i = 0;
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
            parts.Add($"{type} ({length} bytes)");
            i += 5 + length;
        }
        if (parts.Count == 0) return $"{data.Length} bytes (continuation of a record)";
        string tail = i < data.Length ? $", and {data.Length - i} bytes of the next" : i > data.Length ? " (continues in the next segment)" : "";
        return string.Join(", ", parts) + tail;
    }

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
