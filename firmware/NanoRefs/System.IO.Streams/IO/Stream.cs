namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public void Dispose() => throw new NotImplementedException();

        public abstract void Flush();

        public abstract int Read(byte[] buffer, int offset, int count);

        public abstract void Write(byte[] buffer, int offset, int count);
    }
}
