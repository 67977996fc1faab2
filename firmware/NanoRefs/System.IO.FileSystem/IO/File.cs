namespace System.IO
{
    public static class File
    {
        public static void Delete(string path) => throw new NotImplementedException();

        public static bool Exists(string path) => throw new NotImplementedException();

        public static void Move(string sourceFileName, string destFileName) => throw new NotImplementedException();

        public static byte[] ReadAllBytes(string path) => throw new NotImplementedException();

        public static void WriteAllBytes(string path, byte[] bytes) => throw new NotImplementedException();
    }
}
