namespace Gateway.Core.Frames;

/// <summary>The TCP control bits (RFC 9293; ECE/CWR RFC 3168; NS RFC 3540, now historic but still on the wire).</summary>
[System.Flags]
public enum TcpFlags
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
    Ns = 0x100,
}
