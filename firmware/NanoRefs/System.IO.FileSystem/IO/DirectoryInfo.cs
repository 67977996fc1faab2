namespace System.IO
{
    /// <summary>Only the type: <see cref="Directory.CreateDirectory"/> returns one, the glue ignores it.</summary>
    public sealed class DirectoryInfo : FileSystemInfo
    {
        DirectoryInfo() => throw new NotImplementedException();
    }
}
