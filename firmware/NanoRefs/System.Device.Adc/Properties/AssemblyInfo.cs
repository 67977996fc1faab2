using System.Reflection;

[assembly: AssemblyVersion("1.1.24.44037")]
[assembly: AssemblyNativeVersion("100.0.0.0")]
