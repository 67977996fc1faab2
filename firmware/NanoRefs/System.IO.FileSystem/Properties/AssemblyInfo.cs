using System.Reflection;

[assembly: AssemblyVersion("1.1.93.0")]
[assembly: AssemblyNativeVersion("1.1.0.4")]
