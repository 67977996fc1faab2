using System.Device.Gpio;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Hardware;

/// <summary>A digital input (door contact, float switch): 1 when high, 0 when low, then scale and offset.</summary>
public sealed class DigitalSensor : ISensor
{
    readonly GpioPin _pin;
    readonly double _scale;
    readonly double _offset;

    public DigitalSensor(string name, string unit, GpioController gpio, int pin, double scale, double offset)
    {
        Name = name;
        Unit = unit;
        // GPIO 34-39 have no pull-up on the ESP32: there the contact needs an external resistor.
        _pin = gpio.OpenPin(pin, gpio.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
        _scale = double.IsNaN(scale) ? 1 : scale;
        _offset = double.IsNaN(offset) ? 0 : offset;
    }

    public string Name { get; }

    public string Unit { get; }

    public bool TryRead(out double value)
    {
        value = (_pin.Read() == PinValue.High ? 1 : 0) * _scale + _offset;
        return true;
    }
}
