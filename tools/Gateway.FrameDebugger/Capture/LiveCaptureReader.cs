using SharpPcap;
using SharpPcap.LibPcap;

namespace Gateway.FrameDebugger.Capture;

/// <summary>
/// Frames from a network interface through libpcap (SharpPcap), read like a capture file so that every
/// view works the same. Stops after <see cref="Count"/> frames, after <see cref="Seconds"/>, or when
/// <see cref="Stop"/> is called (Ctrl+C).
/// </summary>
public sealed class LiveCaptureReader : CaptureReader, IDisposable
{
    /// <summary>How long one wait for a frame may block, so a deadline or a stop is noticed.</summary>
    const int ReadTimeoutMs = 100;
    const int SnapLength = 65535;

    readonly LibPcapLiveDevice _device;
    readonly DateTime _deadline;
    int _read;
    volatile bool _stopped;

    LiveCaptureReader(LibPcapLiveDevice device, int? count, double? seconds) : base(Stream.Null)
    {
        _device = device;
        Count = count;
        Seconds = seconds;
        _deadline = seconds is double s ? DateTime.UtcNow.AddSeconds(s) : DateTime.MaxValue;
    }

    public int? Count { get; }
    public double? Seconds { get; }
    public string Interface => _device.Name;

    public override string Format => "live capture on " + _device.Name;

    /// <summary>Opens the interface; on failure returns null and one line saying why.</summary>
    public static LiveCaptureReader? Open(string name, string? filter, int? count, double? seconds, out string error)
    {
        error = "";
        LibPcapLiveDevice? device;
        try
        {
            var devices = LibPcapLiveDeviceList.New();
            device = devices.FirstOrDefault(d => d.Name == name);
            if (device is null)
            {
                error = $"no interface \"{name}\" to capture on; there are: {string.Join(", ", devices.Select(d => d.Name))}";
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            error = "cannot capture: libpcap could not be loaded (apt-get install libpcap0.8): " + (e.InnerException ?? e).Message;
            return null;
        }
        catch (PcapException e)
        {
            error = "cannot list the interfaces: " + e.Message;
            return null;
        }
        try
        {
            device.Open(new DeviceConfiguration { Mode = DeviceModes.None, ReadTimeout = ReadTimeoutMs, Snaplen = SnapLength, Immediate = true });
        }
        catch (PcapException e)
        {
            bool permission = e.Message.Contains("permitted", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("denied", StringComparison.OrdinalIgnoreCase);
            error = $"cannot capture on {name}: {e.Message.Trim()}" + (permission ? " (capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN)" : "");
            return null;
        }
        if (!string.IsNullOrEmpty(filter))
        {
            try
            {
                device.Filter = filter;
            }
            catch (PcapException e)
            {
                device.Close();
                error = $"--filter \"{filter}\": {e.Message.Trim()}";
                return null;
            }
        }
        return new LiveCaptureReader(device, count, seconds);
    }

    /// <summary>Ends the capture at the next frame or read timeout (safe from another thread).</summary>
    public void Stop() => _stopped = true;

    public override bool TryRead(CaptureRecord record)
    {
        while (!_stopped && (Count is null || _read < Count) && DateTime.UtcNow < _deadline)
        {
            var status = _device.GetNextPacket(out var packet);
            if (status == GetPacketStatus.ReadTimeout) continue;
            if (status != GetPacketStatus.PacketRead) return false;
            var data = packet.Data;
            data.CopyTo(record.Reserve(data.Length));
            record.Length = data.Length;
            record.OriginalLength = data.Length;
            record.LinkType = (int)_device.LinkType;
            record.Interface = 0;
            record.Number = ++_read;
            var time = packet.Header.Timeval;
            record.TimestampNanoseconds = (long)time.Seconds * 1_000_000_000 + (long)time.MicroSeconds * 1_000;
            return true;
        }
        return false;
    }

    public void Dispose() => _device.Close();
}
