using System.Text.Json;

namespace Gateway.Host.Boards;

/// <summary>
/// nanoff's file deployment (nanoff 2.5.162, `--filedeployment FILE.json`; nanoFirmwareFlasher
/// FileDeployment/FileDeploymentConfiguration.cs): an optional SerialPort and a list of Files, each a
/// DestinationFilePath on the board and the SourceFilePath to copy there, or no source to delete it.
/// Property names are read case-insensitively; sources must be full paths.
/// </summary>
public sealed class FileDeployment
{
    readonly List<(string Destination, string? Source)> _files = new();

    public string? SerialPort { get; init; }

    public void Copy(string destination, string sourceFullPath) => _files.Add((destination, sourceFullPath));

    public void Delete(string destination) => _files.Add((destination, null));

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (SerialPort != null) json.WriteString("SerialPort", SerialPort);
            json.WriteStartArray("Files");
            foreach (var (destination, source) in _files)
            {
                json.WriteStartObject();
                json.WriteString("DestinationFilePath", destination);
                if (source != null) json.WriteString("SourceFilePath", source);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
