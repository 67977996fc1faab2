using Gateway.FrameDebugger.Capture;

namespace Gateway.Host.Web;

/// <summary>
/// The captures opened on the page: uploads (held in memory, the oldest dropped past <see cref="MaxUploads"/>)
/// and the mailbox's own live capture when there is one. An upload is checked to be a pcap or pcapng file
/// before it is kept.
/// </summary>
public sealed class CaptureLibrary(WebEvents events)
{
    /// <summary>Uploads kept at once; with the upload limit this bounds the memory they take.</summary>
    public const int MaxUploads = 8;

    readonly object _gate = new();
    readonly List<CaptureFile> _files = [];
    int _next;

    public IReadOnlyList<CaptureFile> Files
    {
        get { lock (_gate) return _files.ToArray(); }
    }

    public CaptureFile? Find(string id)
    {
        lock (_gate) return _files.FirstOrDefault(f => f.Id == id);
    }

    /// <summary>Keeps an uploaded capture.</summary>
    /// <exception cref="CaptureFormatException">Not a pcap or pcapng file; the message says what it is not.</exception>
    public CaptureFile AddUpload(string name, byte[] bytes)
    {
        using (var probe = new MemoryStream(bytes, writable: false))
            CaptureReader.Open(probe);
        CaptureFile file;
        lock (_gate)
        {
            file = new CaptureFile("c" + ++_next, Clean(name), () => bytes);
            _files.Add(file);
            var uploads = _files.Where(f => f.Id != LiveId).ToList();
            if (uploads.Count > MaxUploads) _files.Remove(uploads[0]);
        }
        events.Publish("capture", new { id = file.Id, name = file.Name });
        return file;
    }

    public const string LiveId = "live";

    /// <summary>The live capture of the mailbox's own ports, always first in the list.</summary>
    public void AddLive(string name, Func<byte[]> bytes)
    {
        lock (_gate) _files.Insert(0, new CaptureFile(LiveId, name, bytes));
    }

    /// <summary>A file name as given by a browser, reduced to something safe to show and to repeat.</summary>
    static string Clean(string name)
    {
        var cleaned = new string(Path.GetFileName(name).Where(c => !char.IsControl(c)).Take(100).ToArray());
        return cleaned.Length == 0 ? "upload" : cleaned;
    }
}
