namespace System.IO
{
    /// <summary>Only the type: the base of <see cref="DirectoryInfo"/>.</summary>
    public abstract class FileSystemInfo : MarshalByRefObject
    {
        internal FileSystemInfo() => throw new NotImplementedException();
    }
}
