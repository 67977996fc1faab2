using System.Reflection;

[assembly: AssemblyVersion("3.0.80.0")]
[assembly: AssemblyNativeVersion("1.0.0.0")]
