namespace System.IO
{
    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) => throw new NotImplementedException();

        public static bool Exists(string path) => throw new NotImplementedException();

        public static string[] GetFiles(string path) => throw new NotImplementedException();
    }
}
