using System;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Platform;

/// <summary>The console: the serial port, and Visual Studio's Output window while debugging. Callers never pass a secret.</summary>
public sealed class SerialLog : ILog
{
    readonly LogLevel _min;

    public SerialLog(LogLevel min)
    {
        _min = min;
    }

    public bool IsEnabled(LogLevel level) => level >= _min;

    public void Write(LogLevel level, string text)
    {
        if (level < _min) return;
        string line = Iso(DateTime.UtcNow) + " " + Tag(level) + " " + text;
        Console.WriteLine(line);
    }

    static string Tag(LogLevel level) => level == LogLevel.Error ? "ERR" : level == LogLevel.Warning ? "WRN" : level == LogLevel.Info ? "INF" : "DBG";

    static string Iso(DateTime t) => Gateway.Core.Text.IsoTime.Format(t);
}
