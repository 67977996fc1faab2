using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Gateway.NanoGate;

/// <summary>
/// Finds what the nanoFramework 1.17 runtime cannot load in an assembly that compiled against its
/// mscorlib: references to other assemblies, generic definitions, and generic instantiations
/// (the nano mscorlib itself declares Action`1 and Func`2, so the compiler lets them through).
/// </summary>
public static class NanoAssemblyInspector
{
    public const string AllowedReference = "mscorlib";

    /// <summary>The .pe format's limit on one assembly's bytecode (16-bit method body offsets).</summary>
    public const int MaxBytecode = 65535;

    /// <summary>What a device assembly may use: 75% of <see cref="MaxBytecode"/>, so each keeps room to grow.</summary>
    public const int DefaultBytecodeLimit = 49152;

    /// <summary>One line per violation, "CODE: message", naming the offending type or member.</summary>
    public static string[] Inspect(string assemblyPath) => Inspect(assemblyPath, GateRules.Default).Violations;

    public static GateReport Inspect(string assemblyPath, GateRules rules)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
            return new GateReport(Path.GetFileNameWithoutExtension(assemblyPath), ["NG000: not a .NET assembly"], 0);
        var reader = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        CheckPackages(rules.Packages, found);
        CheckReferences(reader, rules, found);
        CheckGenericDefinitions(reader, found);
        CheckStaticConstructors(reader, found);
        CheckSignatures(pe, reader, found);
        CheckGenericMethodInstantiations(reader, found);
        long bytecode = EstimateBytecode(pe, reader);
        if (bytecode > rules.BytecodeLimit)
            found.Add($"NG005: about {bytecode:N0} bytes of bytecode, more than the limit of {rules.BytecodeLimit:N0} ({Percent(rules.BytecodeLimit)} of the {MaxBytecode:N0} a nanoFramework .pe addresses with 16-bit offsets): move a part into an assembly of its own");
        return new GateReport(reader.GetString(reader.GetAssemblyDefinition().Name), found.ToArray(), bytecode);
    }

    /// <summary>The line the build prints for every gated assembly: its bytecode and what is left under the limit.</summary>
    public static string SizeLine(GateReport report, int limit)
    {
        long left = limit - report.Bytecode;
        string verdict = left >= 0 ? $"{left:N0} B headroom" : $"{-left:N0} B over";
        return $"nano-gate: {report.Assembly} {report.Bytecode:N0} B of bytecode, limit {limit:N0} B ({Percent(limit)} of {MaxBytecode:N0}): {verdict}";
    }

    static string Percent(int limit) => $"{Math.Round(100.0 * limit / MaxBytecode):0}%";

    static readonly Dictionary<short, OperandType> Operands = typeof(System.Reflection.Emit.OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (System.Reflection.Emit.OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => (OperandType)(int)o.OperandType);

    enum OperandType { InlineBrTarget = 0, InlineField = 1, InlineI = 2, InlineI8 = 3, InlineMethod = 4, InlineNone = 5, InlinePhi = 6, InlineR = 7, InlineSig = 9, InlineString = 10, InlineSwitch = 11, InlineTok = 12, InlineType = 13, InlineVar = 14, ShortInlineBrTarget = 15, ShortInlineI = 16, ShortInlineR = 17, ShortInlineVar = 18 }

    /// <summary>
    /// What the metadata processor will make of the IL: the same opcodes, with each 4-byte metadata
    /// token written as 2 bytes. An estimate (it was within 1% of the processor's own count on this core).
    /// </summary>
    public static long EstimateBytecode(PEReader pe, MetadataReader r)
    {
        long total = 0;
        foreach (var mh in r.MethodDefinitions)
        {
            var method = r.GetMethodDefinition(mh);
            if (method.RelativeVirtualAddress == 0) continue;
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes();
            if (il == null) continue;
            int tokens = 0;
            for (int i = 0; i < il.Length;)
            {
                short code = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                if (!Operands.TryGetValue(code, out var operand)) break;
                switch (operand)
                {
                    case OperandType.InlineField: case OperandType.InlineMethod: case OperandType.InlineString:
                    case OperandType.InlineTok: case OperandType.InlineType: case OperandType.InlineSig:
                        tokens++; i += 4; break;
                    case OperandType.InlineBrTarget: case OperandType.InlineI: case OperandType.ShortInlineR: i += 4; break;
                    case OperandType.InlineI8: case OperandType.InlineR: i += 8; break;
                    case OperandType.InlineVar: i += 2; break;
                    case OperandType.ShortInlineBrTarget: case OperandType.ShortInlineI: case OperandType.ShortInlineVar: i += 1; break;
                    case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                }
            }
            total += il.Length - 2 * tokens;
        }
        return total;
    }

    static void CheckPackages(NanoPackage[] packages, SortedSet<string> found)
    {
        foreach (var p in packages)
            if (!NanoPackages.Assemblies.ContainsKey(p.Id))
                found.Add($"NG006: packages.config names package '{p.Id}', whose assemblies the gate does not know: add them to NanoPackages (tools/Gateway.NanoGate)");
    }

    /// Allowed: mscorlib, our own assemblies, and the assemblies of the packages in packages.config at their versions.
    static void CheckReferences(MetadataReader r, GateRules rules, SortedSet<string> found)
    {
        foreach (var h in r.AssemblyReferences)
        {
            var reference = r.GetAssemblyReference(h);
            var name = r.GetString(reference.Name);
            if (Array.IndexOf(rules.OwnAssemblies, name) >= 0)
                continue;
            var package = NanoPackages.Shipping(rules.Packages, name);
            if (package != null)
            {
                if (!SameRelease(reference.Version, package.Version))
                    found.Add($"NG007: references {name} {reference.Version}, but packages.config pins {package.Id} {package.Version}");
                continue;
            }
            if (name == AllowedReference && rules.Packages.Length == 0)
                continue;
            var known = NanoPackages.Assemblies.FirstOrDefault(kv => Array.IndexOf(kv.Value, name) >= 0).Key;
            string hint = known != null ? $": add package {known} to packages.config" : "";
            found.Add($"NG001: references assembly '{name}'; only {AllowedReference}{Listed(rules)} may be referenced on the device{hint}");
        }
    }

    static string Listed(GateRules rules)
    {
        var names = rules.OwnAssemblies.Concat(rules.Packages.SelectMany(p => NanoPackages.Assemblies.TryGetValue(p.Id, out var a) ? a : []))
            .Where(n => n != AllowedReference).ToArray();
        return names.Length > 0 ? ", " + string.Join(", ", names) : "";
    }

    /// nanoFramework assembly versions are the package's major.minor.build, some with a revision from the commit.
    static bool SameRelease(Version assembly, string package)
    {
        var parts = package.Split('.');
        return parts.Length >= 3 && int.TryParse(parts[0], out int major) && int.TryParse(parts[1], out int minor)
            && int.TryParse(parts[2], out int build) && assembly.Major == major && assembly.Minor == minor && assembly.Build == build;
    }

    static void CheckGenericDefinitions(MetadataReader r, SortedSet<string> found)
    {
        foreach (var th in r.TypeDefinitions)
        {
            var type = r.GetTypeDefinition(th);
            if (type.GetGenericParameters().Count > 0)
                found.Add($"NG002: generic type definition '{TypeName(r, th)}'; the nanoFramework 1.17 runtime has no generics");
            foreach (var mh in type.GetMethods())
            {
                var method = r.GetMethodDefinition(mh);
                if (method.GetGenericParameters().Count > 0)
                    found.Add($"NG002: generic method definition '{TypeName(r, th)}.{r.GetString(method.Name)}'; the nanoFramework 1.17 runtime has no generics");
            }
        }
    }

    /// <summary>
    /// NG008: nanoFramework runs every static constructor when the assembly loads, so each static field
    /// initializer is memory taken at boot, and one that runs out of memory there fails silently, leaving
    /// null behind. Tables are built on first use instead.
    /// </summary>
    static void CheckStaticConstructors(MetadataReader r, SortedSet<string> found)
    {
        foreach (var th in r.TypeDefinitions)
            foreach (var mh in r.GetTypeDefinition(th).GetMethods())
                if (r.GetString(r.GetMethodDefinition(mh).Name) == ".cctor")
                    found.Add($"NG008: '{TypeName(r, th)}' has a static constructor (a static field initializer); the device runs it at boot, where running out of memory fails silently: build the value on first use");
    }

    /// Every signature blob that can name a type: fields, methods, locals, member references, type specs.
    static void CheckSignatures(PEReader pe, MetadataReader r, SortedSet<string> found)
    {
        var provider = new GenericSpotter(r);
        foreach (var th in r.TypeDefinitions)
        {
            var type = r.GetTypeDefinition(th);
            var owner = TypeName(r, th);
            if (!type.BaseType.IsNil)
                Report(found, provider, $"{owner} (base type)", provider.Name(type.BaseType));
            foreach (var ih in type.GetInterfaceImplementations())
                Report(found, provider, $"{owner} (interface)", provider.Name(r.GetInterfaceImplementation(ih).Interface));
            foreach (var fh in type.GetFields())
            {
                var field = r.GetFieldDefinition(fh);
                Report(found, provider, $"{owner}.{r.GetString(field.Name)}", field.DecodeSignature(provider, null));
            }
            foreach (var mh in type.GetMethods())
            {
                var method = r.GetMethodDefinition(mh);
                var member = $"{owner}.{r.GetString(method.Name)}";
                var sig = method.DecodeSignature(provider, null);
                Report(found, provider, member, sig.ReturnType + "(" + string.Join(",", sig.ParameterTypes) + ")");
                if (method.RelativeVirtualAddress == 0)
                    continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    var locals = r.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                    Report(found, provider, $"{member} (locals)", string.Join(",", locals));
                }
            }
        }
        foreach (var mh in r.MemberReferences)
        {
            var mr = r.GetMemberReference(mh);
            var member = $"{provider.Name(mr.Parent)}.{r.GetString(mr.Name)}";
            if (mr.GetKind() == MemberReferenceKind.Field)
                Report(found, provider, member, mr.DecodeFieldSignature(provider, null));
            else
            {
                var sig = mr.DecodeMethodSignature(provider, null);
                Report(found, provider, member, sig.ReturnType + "(" + string.Join(",", sig.ParameterTypes) + ")");
            }
        }
        for (int row = 1; row <= r.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var ts = MetadataTokens.TypeSpecificationHandle(row);
            Report(found, provider, "type specification", r.GetTypeSpecification(ts).DecodeSignature(provider, null));
        }
    }

    static void CheckGenericMethodInstantiations(MetadataReader r, SortedSet<string> found)
    {
        var provider = new GenericSpotter(r);
        for (int row = 1; row <= r.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = r.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            var args = spec.DecodeSignature(provider, null);
            string method = spec.Method.Kind switch
            {
                HandleKind.MethodDefinition => r.GetString(r.GetMethodDefinition((MethodDefinitionHandle)spec.Method).Name),
                HandleKind.MemberReference => provider.Name(r.GetMemberReference((MemberReferenceHandle)spec.Method).Parent)
                    + "." + r.GetString(r.GetMemberReference((MemberReferenceHandle)spec.Method).Name),
                _ => "?",
            };
            found.Add($"NG004: generic method instantiation '{method}<{string.Join(",", args)}>'; the nanoFramework 1.17 runtime has no generics");
        }
    }

    /// Called after a signature was decoded (the decoding is what records generics; its text is unused).
    static void Report(SortedSet<string> found, GenericSpotter provider, string where, string _)
    {
        foreach (var g in provider.TakeFound())
            found.Add($"NG003: '{where}' uses generic type '{g}'; the nanoFramework 1.17 runtime has no generics");
    }

    internal static string TypeName(MetadataReader r, TypeDefinitionHandle h)
    {
        var t = r.GetTypeDefinition(h);
        var name = r.GetString(t.Name);
        if (t.IsNested)
            return TypeName(r, t.GetDeclaringType()) + "+" + name;
        var ns = r.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// Decodes signatures to readable names and remembers every generic instantiation or type
    /// parameter it met since the last TakeFound().
    sealed class GenericSpotter(MetadataReader r) : ISignatureTypeProvider<string, object?>
    {
        readonly List<string> _found = [];

        public string[] TakeFound()
        {
            var a = _found.ToArray();
            _found.Clear();
            return a;
        }

        public string Name(EntityHandle h) => h.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(r, (TypeDefinitionHandle)h, 0),
            HandleKind.TypeReference => GetTypeFromReference(r, (TypeReferenceHandle)h, 0),
            HandleKind.TypeSpecification => r.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(this, null),
            HandleKind.MethodDefinition => r.GetString(r.GetMethodDefinition((MethodDefinitionHandle)h).Name),
            HandleKind.ModuleReference => r.GetString(r.GetModuleReference((ModuleReferenceHandle)h).Name),
            _ => h.Kind.ToString(),
        };

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            var name = $"{genericType}<{string.Join(",", typeArguments)}>";
            _found.Add(name);
            return name;
        }

        public string GetGenericTypeParameter(object? context, int index)
        {
            _found.Add("!" + index);
            return "!" + index;
        }

        public string GetGenericMethodParameter(object? context, int index)
        {
            _found.Add("!!" + index);
            return "!!" + index;
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType + " pinned";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString().ToLowerInvariant();
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            => TypeName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var t = reader.GetTypeReference(handle);
            var name = reader.GetString(t.Name);
            if (t.ResolutionScope.Kind == HandleKind.TypeReference)
                return GetTypeFromReference(reader, (TypeReferenceHandle)t.ResolutionScope, 0) + "+" + name;
            var ns = reader.GetString(t.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }
    }
}
