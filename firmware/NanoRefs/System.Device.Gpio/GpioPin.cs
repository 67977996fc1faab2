namespace System.Device.Gpio
{
    // The real declaration spells the name with a zero-width space between "Gpio" and "Pin" (U+200B);
    // C# ignores formatting characters in identifiers, so both compile to GpioPin.
    public sealed class GpioPin
    {
        GpioPin() => throw new NotImplementedException();

        public PinValue Read() => throw new NotImplementedException();

        public void Write(PinValue value) => throw new NotImplementedException();
    }
}
