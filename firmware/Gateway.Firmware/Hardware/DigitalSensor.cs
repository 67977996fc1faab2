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
        _pin = gpio.OpenPin(pin, PinMode.InputPullUp);
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
