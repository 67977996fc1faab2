namespace System.IO
{
    public enum FileMode
    {
        Create = 2,
    }
}
