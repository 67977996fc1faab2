using System.Device.Adc;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Hardware;

/// <summary>An analog input: raw * scale + offset. Without a scale the reading is volts at 3.3 V full scale.</summary>
public sealed class AdcSensor : ISensor
{
    readonly AdcChannel _channel;
    readonly double _scale;
    readonly double _offset;

    public AdcSensor(string name, string unit, AdcController adc, int channel, double scale, double offset)
    {
        Name = name;
        Unit = unit;
        _channel = adc.OpenChannel(channel);
        _scale = double.IsNaN(scale) ? 3.3 / adc.MaxValue : scale;
        _offset = double.IsNaN(offset) ? 0 : offset;
    }

    public string Name { get; }

    public string Unit { get; }

    public bool TryRead(out double value)
    {
        try
        {
            value = _channel.ReadValue() * _scale + _offset;
            return true;
        }
        catch (System.Exception)
        {
            value = double.NaN;
            return false;
        }
    }
}
