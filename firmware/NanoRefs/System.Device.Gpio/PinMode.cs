namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input = 0,
        InputPullUp = 2,
        Output = 3,
    }
}
