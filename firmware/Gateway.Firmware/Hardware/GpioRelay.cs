using System;
using System.Device.Gpio;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Hardware;

/// <summary>A relay on a GPIO output; starts off. active-low boards close the relay when the pin is low.</summary>
public sealed class GpioRelay : IActuator
{
    readonly GpioPin _pin;
    readonly bool _activeLow;
    bool _on;

    public GpioRelay(string name, GpioController gpio, int pin, bool activeLow)
    {
        Name = name;
        _activeLow = activeLow;
        _pin = gpio.OpenPin(pin, PinMode.Output);
        Drive(false);
    }

    public string Name { get; }

    public string State => _on ? "on" : "off";

    public void Set(string value)
    {
        if (value == "on") Drive(true);
        else if (value == "off") Drive(false);
        else throw new ArgumentException("a relay is on or off, not " + value);
    }

    void Drive(bool on)
    {
        _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
        _on = on;
    }
}
