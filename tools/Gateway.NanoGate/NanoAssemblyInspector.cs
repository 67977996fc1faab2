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

    /// <returns>One line per violation, "CODE: message", naming the offending type or member.</returns>
    public static string[] Inspect(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
            return ["NG000: not a .NET assembly"];
        var reader = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        CheckReferences(reader, found);
        CheckGenericDefinitions(reader, found);
        CheckSignatures(pe, reader, found);
        CheckGenericMethodInstantiations(reader, found);
        return found.ToArray();
    }

    static void CheckReferences(MetadataReader r, SortedSet<string> found)
    {
        foreach (var h in r.AssemblyReferences)
        {
            var name = r.GetString(r.GetAssemblyReference(h).Name);
            if (name != AllowedReference)
                found.Add($"NG001: references assembly '{name}'; only {AllowedReference} exists on the device");
        }
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
