using System.Reflection;

[assembly: AssemblyVersion("1.6.40.0")]
[assembly: AssemblyNativeVersion("100.0.10.0")]
