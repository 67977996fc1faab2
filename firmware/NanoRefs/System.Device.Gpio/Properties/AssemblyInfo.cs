using System.Reflection;

[assembly: AssemblyVersion("1.1.62.0")]
[assembly: AssemblyNativeVersion("100.1.0.6")]
