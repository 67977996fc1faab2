using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.Bench;

/// <summary>
/// Round trips counted from a capture, the way issue 18 defines them: per TCP connection to the server's
/// port, every client flight (a segment with data, or its FIN) sent after the server sent data is one
/// round trip the client waited for. Back-to-back client segments with no server data between them are
/// one flight; pure ACKs are not flights.
/// </summary>
public static class CapturedFlights
{
    /// <summary>The round trips of each connection to <paramref name="serverPort"/>, in the order the connections opened.</summary>
    public static List<int> PerConnection(string pcap, int serverPort)
    {
        using var stream = File.OpenRead(pcap);
        var reader = CaptureReader.Open(stream);
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        var byClientPort = new Dictionary<int, int>(); // client port -> index in counts
        var serverSpoke = new List<bool>();
        var counts = new List<int>();
        while (reader.TryRead(record))
        {
            if (!FrameDecoder.IsSupported((LinkType)record.LinkType)) continue;
            FrameDecoder.Decode(record.Data, 0, record.Length, (LinkType)record.LinkType, layers);
            if (!layers.Has(FrameLayer.Tcp)) continue;
            var tcp = layers.Tcp;
            bool fromServer = tcp.SourcePort == serverPort;
            if (!fromServer && tcp.DestinationPort != serverPort) continue;
            int clientPort = fromServer ? tcp.DestinationPort : tcp.SourcePort;
            if (tcp.Syn && !tcp.Ack) byClientPort.Remove(clientPort); // a new connection on a reused port
            if (!byClientPort.TryGetValue(clientPort, out int at))
            {
                byClientPort[clientPort] = at = counts.Count;
                counts.Add(0);
                serverSpoke.Add(false);
            }
            if (fromServer)
            {
                if (tcp.PayloadLength > 0) serverSpoke[at] = true;
            }
            else if ((tcp.PayloadLength > 0 || tcp.Fin) && serverSpoke[at])
            {
                counts[at]++;
                serverSpoke[at] = false;
            }
        }
        return counts;
    }
}
