using System;

namespace nanoFramework.Device.OneWire
{
    public class OneWireHost
    {
        public OneWireHost() => throw new NotImplementedException();

        public bool TouchReset() => throw new NotImplementedException();

        public byte WriteByte(byte value) => throw new NotImplementedException();

        public byte ReadByte() => throw new NotImplementedException();
    }
}
