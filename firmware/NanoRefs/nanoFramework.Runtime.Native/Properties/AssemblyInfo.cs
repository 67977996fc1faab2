using System.Reflection;

[assembly: AssemblyVersion("1.7.11.0")]
[assembly: AssemblyNativeVersion("100.0.10.0")]
