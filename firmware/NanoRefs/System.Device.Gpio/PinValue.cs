namespace System.Device.Gpio
{
    public readonly struct PinValue
    {
        // As in the real struct: one byte, so a PinValue is the size callers expect.
        private readonly byte _value;

        private PinValue(byte value) => _value = value;

        public static PinValue High => throw new NotImplementedException();

        public static PinValue Low => throw new NotImplementedException();

        public static bool operator ==(PinValue a, PinValue b) => throw new NotImplementedException();

        // C# requires != beside ==, and Equals/GetHashCode with them (both exist in the real struct).
        public static bool operator !=(PinValue a, PinValue b) => throw new NotImplementedException();

        public override bool Equals(object obj) => throw new NotImplementedException();

        public override int GetHashCode() => throw new NotImplementedException();
    }
}
