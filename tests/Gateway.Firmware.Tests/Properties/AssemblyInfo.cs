using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Gateway.Firmware.Tests")]
[assembly: AssemblyProduct("Gateway")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
