using System;
using System.Threading;
using Gateway.Core.Platform;
using nanoFramework.Device.OneWire;
using nanoFramework.Hardware.Esp32;

namespace Gateway.Firmware.Hardware;

/// <summary>
/// A DS18B20 thermometer alone on a 1-Wire bus. nanoFramework drives 1-Wire through UART2 (COM3) with
/// RX and TX wired together and pulled up (4.7 kΩ): the pins are assigned before the host is created.
/// Datasheet: Skip ROM (0xCC), Convert T (0x44), 750 ms at 12 bits, Read Scratchpad (0xBE), 1/16 °C per bit.
/// </summary>
public sealed class Ds18b20Sensor : ISensor
{
    const byte SkipRom = 0xCC;
    const byte ConvertT = 0x44;
    const byte ReadScratchpad = 0xBE;
    const int ConversionMs = 750;
    readonly OneWireHost _bus;
    readonly byte[] _scratchpad = new byte[9];

    public Ds18b20Sensor(string name, int txPin, int rxPin)
    {
        Name = name;
        Configuration.SetPinFunction(txPin, DeviceFunction.COM3_TX);
        Configuration.SetPinFunction(rxPin, DeviceFunction.COM3_RX);
        _bus = new OneWireHost();
    }

    public string Name { get; }

    public string Unit => "°C";

    public bool TryRead(out double value)
    {
        value = double.NaN;
        if (!_bus.TouchReset()) return false; // no presence pulse: nothing on the bus
        _bus.WriteByte(SkipRom);
        _bus.WriteByte(ConvertT);
        Thread.Sleep(ConversionMs);
        if (!_bus.TouchReset()) return false;
        _bus.WriteByte(SkipRom);
        _bus.WriteByte(ReadScratchpad);
        for (int i = 0; i < _scratchpad.Length; i++) _scratchpad[i] = _bus.ReadByte();
        if (Crc8(_scratchpad, 8) != _scratchpad[8]) return false;
        short raw = (short)(_scratchpad[0] | (_scratchpad[1] << 8));
        if (raw == 0x0550) return false; // 85 °C is the power-on value: no conversion happened
        value = raw / 16.0;
        return true;
    }

    /// <summary>Dallas/Maxim CRC-8 (x^8 + x^5 + x^4 + 1, reflected 0x8C) over the scratchpad.</summary>
    static byte Crc8(byte[] data, int count)
    {
        int crc = 0;
        for (int i = 0; i < count; i++)
        {
            int b = data[i];
            for (int bit = 0; bit < 8; bit++)
            {
                bool mix = ((crc ^ b) & 1) != 0;
                crc >>= 1;
                if (mix) crc ^= 0x8C;
                b >>= 1;
            }
        }
        return (byte)crc;
    }
}
