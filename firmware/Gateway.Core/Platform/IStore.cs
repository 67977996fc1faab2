namespace Gateway.Core.Platform;

/// <summary>
/// Small named blobs that survive a restart: the device's internal flash, files on the host.
/// Names are short paths such as "outbox/00000012". <see cref="Write"/> is atomic: after a power
/// cut the old or the new content is there, never a mix (the host writes a temp file and renames).
/// </summary>
public interface IStore
{
    /// <summary>The content, or null when there is no such blob.</summary>
    byte[]? Read(string name);

    void Write(string name, byte[] data);

    /// <summary>Removes the blob; no error when it does not exist.</summary>
    void Delete(string name);

    /// <summary>Names that start with <paramref name="prefix"/>, in ordinal order.</summary>
    string[] List(string prefix);
}
