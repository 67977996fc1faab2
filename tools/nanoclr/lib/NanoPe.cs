// Ours: the command line of the metadata processor build (tools/nanoclr/build compiles this file
// with metadata-processor's MetadataProcessor.Shared sources). It does the one job the gateway's
// tools need, a .dll to a .pe, the way the processor's own console does it: compile once, minimize
// (drop what nothing uses), compile again. Their console also dumps and generates C++ skeletons
// through mustache-sharp, which no registry here serves.
//
// usage: NanoPe OUT.pe IN.dll [--core] [--hint NAME PATH]...
//   --core         IN.dll is the core library (mscorlib)
//   --hint N P     where to read the referenced assembly named N (its .dll)
using System;
using System.Collections.Generic;
using System.IO;
using Mono.Cecil;
using nanoFramework.Tools.MetadataProcessor;

static class NanoPe
{
    static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: NanoPe OUT.pe IN.dll [--core] [--hint NAME PATH]...");
            return 2;
        }
        string pePath = args[0], dllPath = args[1];
        bool isCore = false;
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--core") isCore = true;
            else if (args[i] == "--hint" && i + 2 < args.Length) { hints[args[i + 1]] = args[i + 2]; i += 2; }
            else
            {
                Console.Error.WriteLine($"NanoPe: unexpected argument '{args[i]}'");
                return 2;
            }
        }
        if (!File.Exists(dllPath))
        {
            Console.Error.WriteLine($"NanoPe: no such assembly: {dllPath}");
            return 1;
        }

        var assembly = AssemblyDefinition.ReadAssembly(dllPath, new ReaderParameters { AssemblyResolver = new LoadHintsAssemblyResolver(hints) });
        var builder = new nanoAssemblyBuilder(assembly, new List<string>(), false, isCore);
        // The first pass fills the tables that minimizing works from; its bytes are not kept.
        using (var scratch = new BinaryWriter(new MemoryStream()))
            builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(scratch));
        builder.Minimize();
        using (var file = new BinaryWriter(File.Open(pePath, FileMode.Create, FileAccess.ReadWrite)))
            builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(file));
        Console.WriteLine($"{Path.GetFileName(pePath)}: {new FileInfo(pePath).Length} bytes");
        return 0;
    }
}
