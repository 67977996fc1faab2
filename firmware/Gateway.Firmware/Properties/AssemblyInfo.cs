using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Gateway.Firmware")]
[assembly: AssemblyDescription("The mail gateway on an ESP32 Ethernet board")]
[assembly: AssemblyProduct("Gateway")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
