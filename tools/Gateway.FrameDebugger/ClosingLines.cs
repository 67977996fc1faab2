namespace Gateway.FrameDebugger;

/// <summary>
/// The one-line view's closing lines (one per troubled connection), collected while the frames are shown
/// and written after the last: kept in a temporary file, deleted on dispose, so their number does not
/// weigh on memory however long the capture.
/// </summary>
public sealed class ClosingLines : IDisposable
{
    FileStream? _file;
    StreamWriter? _writer;

    public void Add(string? line)
    {
        if (line is null) return;
        if (_writer is null)
        {
            _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            _writer = new StreamWriter(_file, leaveOpen: true);
        }
        _writer.WriteLine(line);
    }

    public void CopyTo(TextWriter output)
    {
        if (_writer is null) return;
        _writer.Flush();
        _file!.Position = 0;
        using var reader = new StreamReader(_file, leaveOpen: true);
        while (reader.ReadLine() is string line) output.WriteLine(line);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }
}
