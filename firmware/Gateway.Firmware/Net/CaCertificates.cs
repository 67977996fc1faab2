using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Platform;
using Gateway.Firmware.Boot;

namespace Gateway.Firmware.Net;

/// <summary>
/// The CA certificate named by smtp.ca / pop3.ca. On the device the value is a PEM file on the internal
/// flash (I:\ca.pem), or the word "embedded" for <see cref="Provisioning.CaPem"/> compiled into the app.
/// </summary>
public static class CaCertificates
{
    public static X509Certificate? Load(string? value, ILog log)
    {
        if (value == null || value.Length == 0) return null;
        try
        {
            if (value == "embedded")
            {
                if (Provisioning.CaPem.Length == 0) throw new IOException("Provisioning.CaPem is empty");
                // X509Certificate(string) takes PEM or DER text and keeps the terminator mbedTLS wants.
                return new X509Certificate(Provisioning.CaPem);
            }
            // mbedTLS parses PEM only with a terminating zero byte: add it to the file's bytes.
            var pem = File.ReadAllBytes(value);
            var terminated = new byte[pem.Length + 1];
            Array.Copy(pem, terminated, pem.Length);
            return new X509Certificate(terminated);
        }
        catch (Exception e)
        {
            log.Write(LogLevel.Error, "CA certificate " + value + " cannot be loaded: " + e.Message);
            return null;
        }
    }
}
