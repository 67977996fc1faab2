using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Gateway.NanoGate;

/// <summary>
/// The public and protected API of an assembly, one C#-like line per type and member, e.g.
/// <c>int System.Net.Sockets.Socket.Receive(byte[] buffer, int offset, int size, System.Net.Sockets.SocketFlags socketFlags)</c>.
/// What a caller's compiled code depends on is in the line: kind and modifiers, base types, parameter
/// names, types, defaults and the attributes that change a call (CallerArgumentExpression), enum values.
/// NANOFRAMEWORK-APIS.md lists our reference assemblies' members in this form, so a test can compare.
/// </summary>
public static class ApiSurface
{
    /// <summary>Attributes the compiler adds for itself: not part of what a person declares.</summary>
    static readonly string[] CompilerAttributes = ["Nullable", "NullableContext", "CompilerGenerated", "IsReadOnly", "Embedded", "RefSafetyRules"];

    public static string[] Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var r = pe.GetMetadataReader();
        var names = new TypeNames(r);
        var types = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var th in r.TypeDefinitions)
        {
            var type = r.GetTypeDefinition(th);
            if (!IsVisible(type.Attributes)) continue;
            var typeName = NanoAssemblyInspector.TypeName(r, th).Replace('+', '.');
            var lines = new List<string>();
            bool isEnum = BaseName(r, names, type) == "System.Enum";
            foreach (var fh in type.GetFields())
            {
                var field = r.GetFieldDefinition(fh);
                if (!IsVisible(field.Attributes) || (field.Attributes & FieldAttributes.RTSpecialName) != 0) continue; // an enum's value__
                lines.Add(isEnum
                    ? $"{typeName}.{r.GetString(field.Name)} = {ConstantText(r, field.GetDefaultValue(), false)}"
                    : FieldLine(r, names, field, typeName));
            }
            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (var ph in type.GetProperties())
            {
                var property = r.GetPropertyDefinition(ph);
                var a = property.GetAccessors();
                accessors.Add(a.Getter);
                accessors.Add(a.Setter);
                var line = PropertyLine(r, names, property, a, typeName);
                if (line != null) lines.Add(line);
            }
            foreach (var mh in type.GetMethods())
            {
                var method = r.GetMethodDefinition(mh);
                if (accessors.Contains(mh) || !IsVisible(method.Attributes)) continue;
                lines.Add(MethodLine(r, names, method, typeName));
            }
            types[typeName] = [TypeLine(r, names, type, typeName), .. lines.Order(StringComparer.Ordinal)];
        }
        // Each type's line, then its members: the order NANOFRAMEWORK-APIS.md lists them in.
        return types.Values.SelectMany(t => t).ToArray();
    }

    static bool IsVisible(TypeAttributes a) => (a & TypeAttributes.VisibilityMask) is TypeAttributes.Public or TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem;
    static bool IsVisible(FieldAttributes a) => (a & FieldAttributes.FieldAccessMask) is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;
    static bool IsVisible(MethodAttributes a) => (a & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;
    static string Access(MethodAttributes a) => (a & MethodAttributes.MemberAccessMask) == MethodAttributes.Public ? "" : "protected ";

    static string? BaseName(MetadataReader r, TypeNames names, TypeDefinition type) => type.BaseType.IsNil ? null : names.Of(type.BaseType);

    static string TypeLine(MetadataReader r, TypeNames names, TypeDefinition type, string typeName)
    {
        var attributes = AttributeText(r, type.GetCustomAttributes());
        var baseName = BaseName(r, names, type);
        if (baseName == "System.Enum")
        {
            var valueField = type.GetFields().Select(r.GetFieldDefinition).First(f => r.GetString(f.Name) == "value__");
            return $"{attributes}enum {typeName} : {valueField.DecodeSignature(names, null)}";
        }
        var interfaces = type.GetInterfaceImplementations().Select(h => names.Of(r.GetInterfaceImplementation(h).Interface));
        string kind;
        IEnumerable<string> bases = interfaces;
        if (baseName == "System.ValueType")
            kind = HasAttribute(r, type.GetCustomAttributes(), "IsReadOnly") ? "readonly struct" : "struct";
        else
        {
            var a = type.Attributes;
            kind = (a & TypeAttributes.Interface) != 0 ? "interface"
                : (a & TypeAttributes.Abstract) != 0 && (a & TypeAttributes.Sealed) != 0 ? "static class"
                : (a & TypeAttributes.Abstract) != 0 ? "abstract class"
                : (a & TypeAttributes.Sealed) != 0 ? "sealed class" : "class";
            if (baseName != null && baseName != "object")
                bases = new[] { baseName }.Concat(interfaces);
        }
        var list = bases.ToArray();
        return $"{attributes}{kind} {typeName}{(list.Length > 0 ? " : " + string.Join(", ", list) : "")}";
    }

    static string FieldLine(MetadataReader r, TypeNames names, FieldDefinition field, string typeName)
    {
        var a = field.Attributes;
        string modifiers = ((a & FieldAttributes.FieldAccessMask) == FieldAttributes.Public ? "" : "protected ")
            + ((a & FieldAttributes.Literal) != 0 ? "const " : (a & FieldAttributes.Static) != 0 ? "static " : "")
            + ((a & FieldAttributes.InitOnly) != 0 ? "readonly " : "");
        string value = (a & FieldAttributes.Literal) != 0 ? " = " + ConstantText(r, field.GetDefaultValue(), false) : "";
        return $"{modifiers}{field.DecodeSignature(names, null)} {typeName}.{r.GetString(field.Name)}{value}";
    }

    static string? PropertyLine(MetadataReader r, TypeNames names, PropertyDefinition property, PropertyAccessors a, string typeName)
    {
        var getter = a.Getter.IsNil ? (MethodDefinition?)null : r.GetMethodDefinition(a.Getter);
        var setter = a.Setter.IsNil ? (MethodDefinition?)null : r.GetMethodDefinition(a.Setter);
        bool get = getter is { } g && IsVisible(g.Attributes), set = setter is { } s && IsVisible(s.Attributes);
        if (!get && !set) return null;
        var first = (get ? getter : setter)!.Value;
        var sig = property.DecodeSignature(names, null);
        return $"{Access(first.Attributes)}{Modifiers(first.Attributes)}{sig.ReturnType} {typeName}.{r.GetString(property.Name)} {{ {(get ? "get; " : "")}{(set ? "set; " : "")}}}";
    }

    static string MethodLine(MetadataReader r, TypeNames names, MethodDefinition method, string typeName)
    {
        var sig = method.DecodeSignature(names, null);
        var name = r.GetString(method.Name);
        var parameters = new string[sig.ParameterTypes.Length];
        foreach (var ph in method.GetParameters())
        {
            var p = r.GetParameter(ph);
            if (p.SequenceNumber == 0 || p.SequenceNumber > parameters.Length) continue;
            var type = sig.ParameterTypes[p.SequenceNumber - 1];
            string value = (p.Attributes & ParameterAttributes.HasDefault) != 0
                ? " = " + ConstantText(r, p.GetDefaultValue(), names.IsValueType(type)) : "";
            parameters[p.SequenceNumber - 1] = $"{AttributeText(r, p.GetCustomAttributes())}{type} {r.GetString(p.Name)}{value}";
        }
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] ??= sig.ParameterTypes[i];
        string head = name == ".ctor" ? "" : sig.ReturnType + " ";
        return $"{AttributeText(r, method.GetCustomAttributes())}{Access(method.Attributes)}{Modifiers(method.Attributes)}{head}{typeName}.{name}({string.Join(", ", parameters)})";
    }

    static string Modifiers(MethodAttributes a) =>
        (a & MethodAttributes.Static) != 0 ? "static "
        : (a & MethodAttributes.Abstract) != 0 ? "abstract "
        : (a & MethodAttributes.Virtual) == 0 || (a & MethodAttributes.Final) != 0 ? ""
        : (a & MethodAttributes.NewSlot) != 0 ? "virtual " : "override ";

    static string ConstantText(MetadataReader r, ConstantHandle h, bool valueType)
    {
        if (h.IsNil) return "?";
        var c = r.GetConstant(h);
        var blob = r.GetBlobReader(c.Value);
        return c.TypeCode switch
        {
            ConstantTypeCode.NullReference => valueType ? "default" : "null",
            ConstantTypeCode.String => "\"" + (blob.Length == 0 ? "" : blob.ReadUTF16(blob.Length)) + "\"",
            ConstantTypeCode.Boolean => blob.ReadBoolean() ? "true" : "false",
            ConstantTypeCode.Char => "'" + blob.ReadChar() + "'",
            ConstantTypeCode.SByte => blob.ReadSByte().ToString(),
            ConstantTypeCode.Byte => blob.ReadByte().ToString(),
            ConstantTypeCode.Int16 => blob.ReadInt16().ToString(),
            ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(),
            ConstantTypeCode.Int32 => blob.ReadInt32().ToString(),
            ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(),
            ConstantTypeCode.Int64 => blob.ReadInt64().ToString(),
            ConstantTypeCode.UInt64 => blob.ReadUInt64().ToString(),
            ConstantTypeCode.Single => blob.ReadSingle().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConstantTypeCode.Double => blob.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => c.TypeCode.ToString(),
        };
    }

    /// <summary>
    /// "[Flags] ", "[CallerArgumentExpression(\"actual\")] "...: the attributes a person wrote, by name; the
    /// argument only for CallerArgumentExpression, whose parameter name decides what a caller passes.
    /// </summary>
    static string AttributeText(MetadataReader r, CustomAttributeHandleCollection handles)
    {
        var names = new List<string>();
        foreach (var h in handles)
        {
            var a = r.GetCustomAttribute(h);
            var name = AttributeName(r, a);
            if (Array.IndexOf(CompilerAttributes, name) >= 0) continue;
            if (name == "CallerArgumentExpression")
            {
                var blob = r.GetBlobReader(a.Value);
                blob.ReadUInt16(); // prolog 0x0001
                name += "(\"" + blob.ReadSerializedString() + "\")";
            }
            names.Add(name);
        }
        return string.Concat(names.Select(n => "[" + n + "] "));
    }

    static bool HasAttribute(MetadataReader r, CustomAttributeHandleCollection handles, string name) =>
        handles.Any(h => AttributeName(r, r.GetCustomAttribute(h)) == name);

    static string AttributeName(MetadataReader r, CustomAttribute a)
    {
        EntityHandle type = a.Constructor.Kind == HandleKind.MemberReference
            ? r.GetMemberReference((MemberReferenceHandle)a.Constructor).Parent
            : r.GetMethodDefinition((MethodDefinitionHandle)a.Constructor).GetDeclaringType();
        string name = type.Kind == HandleKind.TypeReference
            ? r.GetString(r.GetTypeReference((TypeReferenceHandle)type).Name)
            : r.GetString(r.GetTypeDefinition((TypeDefinitionHandle)type).Name);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    /// C# spellings: keywords for the primitive types, full names (nested with '.') for the rest.
    sealed class TypeNames(MetadataReader r) : ISignatureTypeProvider<string, object?>
    {
        readonly HashSet<string> _valueTypes = new(StringComparer.Ordinal);

        public bool IsValueType(string name) => _valueTypes.Contains(name);

        public string Of(EntityHandle h) => h.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(r, (TypeDefinitionHandle)h, 0),
            HandleKind.TypeReference => GetTypeFromReference(r, (TypeReferenceHandle)h, 0),
            _ => r.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(this, null),
        };

        public string GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            var name = typeCode switch
            {
                PrimitiveTypeCode.Boolean => "bool", PrimitiveTypeCode.Byte => "byte", PrimitiveTypeCode.SByte => "sbyte",
                PrimitiveTypeCode.Char => "char", PrimitiveTypeCode.Int16 => "short", PrimitiveTypeCode.UInt16 => "ushort",
                PrimitiveTypeCode.Int32 => "int", PrimitiveTypeCode.UInt32 => "uint", PrimitiveTypeCode.Int64 => "long",
                PrimitiveTypeCode.UInt64 => "ulong", PrimitiveTypeCode.Single => "float", PrimitiveTypeCode.Double => "double",
                PrimitiveTypeCode.String => "string", PrimitiveTypeCode.Object => "object", PrimitiveTypeCode.Void => "void",
                _ => typeCode.ToString(),
            };
            if (typeCode is not (PrimitiveTypeCode.String or PrimitiveTypeCode.Object or PrimitiveTypeCode.Void)) _valueTypes.Add(name);
            return name;
        }

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            => Remember(NanoAssemblyInspector.TypeName(reader, handle).Replace('+', '.'), rawTypeKind);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var t = reader.GetTypeReference(handle);
            var name = reader.GetString(t.Name);
            if (t.ResolutionScope.Kind == HandleKind.TypeReference)
                return Remember(GetTypeFromReference(reader, (TypeReferenceHandle)t.ResolutionScope, 0) + "." + name, rawTypeKind);
            var ns = reader.GetString(t.Namespace);
            var full = ns.Length == 0 ? name : ns + "." + name;
            return Remember(full == "System.Object" ? "object" : full == "System.String" ? "string" : full, rawTypeKind);
        }

        string Remember(string name, byte rawTypeKind)
        {
            if (rawTypeKind == (byte)SignatureTypeKind.ValueType) _valueTypes.Add(name);
            return name;
        }

        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => "ref " + elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => $"{genericType}<{string.Join(", ", typeArguments)}>";
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, context);
    }
}
