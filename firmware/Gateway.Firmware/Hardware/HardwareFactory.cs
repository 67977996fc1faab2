using System;
using System.Collections;
using System.Device.Adc;
using System.Device.Gpio;
using Gateway.Core.Config;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Hardware;

/// <summary>
/// Builds the sensors and relays from `sensor.NAME.kind/pin/rx-pin/scale/offset/unit` and
/// `relay.NAME.pin/active-low`. A sensor or relay that cannot be opened is logged and left out: the
/// gateway runs with the rest. Pins the board reserves are refused before deployment by
/// `gateway board check BOARD CONFIG`; the native GPIO driver refuses them again at run time.
/// </summary>
public static class HardwareFactory
{
    /// <summary>
    /// ESP32 ADC1 pins by nanoFramework channel (0..7; 8 and 9 are internal, 10..19 are ADC2, whose
    /// pins overlap the RMII PHY and strapping pins, so they are not offered).
    /// </summary>
    const string Adc1Pins = "36 37 38 39 32 33 34 35"; // a constant: a static array would be built at boot

    public static ISensor[] Sensors(GatewayConfig config, GpioController gpio, ILog log)
    {
        var list = new ArrayList();
        AdcController? adc = null;
        var names = config.GetNames("sensor");
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            string prefix = "sensor." + name + ".";
            string? kind = config.GetString(prefix + "kind");
            if (kind == null) continue; // sensor.interval, or a host-only sensor
            try
            {
                int pin = config.GetInt(prefix + "pin");
                string unit = config.GetString(prefix + "unit") ?? "";
                double scale = config.IsSet(prefix + "scale") ? config.GetNumber(prefix + "scale") : double.NaN;
                double offset = config.IsSet(prefix + "offset") ? config.GetNumber(prefix + "offset") : double.NaN;
                if (kind == "adc")
                {
                    int channel = AdcChannelOf(pin);
                    if (adc == null) adc = new AdcController();
                    list.Add(new AdcSensor(name, unit, adc, channel, scale, offset));
                }
                else if (kind == "digital")
                {
                    list.Add(new DigitalSensor(name, unit, gpio, pin, scale, offset));
                }
                else if (kind == "ds18b20")
                {
                    list.Add(new Ds18b20Sensor(name, pin, config.GetInt(prefix + "rx-pin")));
                }
                else
                {
                    throw new ArgumentException("kind is adc, digital or ds18b20, not " + kind);
                }
                log.Write(LogLevel.Info, "sensor " + name + ": " + kind + " on GPIO" + pin.ToString());
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, "sensor " + name + " left out: " + e.Message);
            }
        }
        var sensors = new ISensor[list.Count];
        list.CopyTo(sensors);
        return sensors;
    }

    public static IActuator[] Relays(GatewayConfig config, GpioController gpio, ILog log)
    {
        var list = new ArrayList();
        var names = config.GetNames("relay");
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            string prefix = "relay." + name + ".";
            if (!config.IsSet(prefix + "pin")) continue;
            try
            {
                int pin = config.GetInt(prefix + "pin");
                bool activeLow = config.IsSet(prefix + "active-low") && config.GetBool(prefix + "active-low");
                list.Add(new GpioRelay(name, gpio, pin, activeLow));
                log.Write(LogLevel.Info, "relay " + name + " on GPIO" + pin.ToString() + (activeLow ? " (active low)" : ""));
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, "relay " + name + " left out: " + e.Message);
            }
        }
        var relays = new IActuator[list.Count];
        list.CopyTo(relays);
        return relays;
    }

    static int AdcChannelOf(int pin)
    {
        var pins = Adc1Pins.Split(' ');
        for (int channel = 0; channel < pins.Length; channel++)
            if (pins[channel] == pin.ToString()) return channel;
        throw new ArgumentException("GPIO" + pin.ToString() + " is not an ADC1 input (32-39)");
    }
}
