using System.Reflection;

[assembly: AssemblyVersion("1.4.35.0")]
[assembly: AssemblyNativeVersion("100.0.4.0")]
