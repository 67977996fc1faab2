namespace System.Device.Gpio
{
    public sealed class GpioController
    {
        public GpioController() => throw new NotImplementedException();

        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw new NotImplementedException();

        public bool IsPinModeSupported(int pinNumber, PinMode mode) => throw new NotImplementedException();
    }
}
