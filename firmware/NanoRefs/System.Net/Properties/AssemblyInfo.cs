using System.Reflection;

[assembly: AssemblyVersion("1.11.54.0")]
[assembly: AssemblyNativeVersion("100.2.0.12")]
