namespace System.IO
{
    [Flags]
    public enum FileAccess
    {
        Write = 2,
    }
}
