using System.Reflection;

[assembly: AssemblyVersion("1.1.52.34401")]
[assembly: AssemblyNativeVersion("0.0.0.0")]
