using System;

namespace Gateway.MemoryProbe.Boot;

/// <summary>
/// Measures what is live once the assemblies are loaded and their static constructors have run,
/// before any application code: loaded on a nanoCLR next to the assemblies being measured (it
/// references mscorlib only), it asks for more memory than the heap it runs with has (run it with a
/// heap under 600 KB), which makes the runtime collect before it gives up; the GC line printed between "boot: collecting" and "boot: done" is the
/// boot-resident figure. (nanoFramework.Runtime.Native.GC.Run would do it directly, but that
/// assembly is not served to these machines; mscorlib's System.GC has no Collect.)
/// </summary>
public static class BootProbe
{
    /// <summary>
    /// More than a heap under 600 KB holds. Not more: the runtime refuses an object over 65,535 heap
    /// blocks (about 768 KB) at once, without collecting, and then there is nothing to read.
    /// </summary>
    const int Unfittable = 600 * 1024;

    public static int Main()
    {
        Console.WriteLine("boot: collecting");
        try
        {
            var block = new byte[Unfittable];
            Console.WriteLine("boot: failed: " + block.Length.ToString() + " bytes fitted: run with a heap under 600 KB");
            return 1;
        }
        catch (OutOfMemoryException)
        {
            Console.WriteLine("boot: done");
            return 0;
        }
    }
}
