namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Real values: DeviceTypes.SERIAL (3 * 0x10000) + COM number * 0x100 + 0 for TX, 1 for RX.</summary>
    public enum DeviceFunction
    {
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
    }
}
