using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelMesh.Generators.Model;

namespace ModelMesh.Generators.Parsing
{
    /// <summary>
    /// Collects the wire records a provider's hooks read or write, and the records nested in them, into
    /// <see cref="WireTypeModel"/>s; reports members whose type cannot be serialized (MM2004).
    /// </summary>
    internal sealed class WireTypeParser
    {
        private const string JsonAttributes = "System.Text.Json.Serialization.";

        private static readonly SymbolDisplayFormat FullFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly bool _camelCase;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly List<Entry> _entries = new List<Entry>();
        private readonly Dictionary<string, Entry> _byName = new Dictionary<string, Entry>();
        private readonly Queue<Entry> _queue = new Queue<Entry>();

        public WireTypeParser(bool camelCase, List<DiagnosticInfo> diagnostics)
        {
            _camelCase = camelCase;
            _diagnostics = diagnostics;
        }

        /// <summary>Whether every wire type (and enum) is visible to the whole assembly, so the JSON class can be internal.</summary>
        public bool AllAtLeastInternal { get; private set; } = true;

        /// <summary>Whether <paramref name="type"/> can be a wire record (a class or struct of the author's, not a BCL type).</summary>
        public bool IsCandidate(ITypeSymbol type) =>
            type is INamedTypeSymbol named
            && (named.TypeKind == TypeKind.Class || named.TypeKind == TypeKind.Struct)
            && named.SpecialType == SpecialType.None
            && !named.IsAbstract
            && !named.IsGenericType
            && !IsSystem(named);

        /// <summary>Adds a record a hook reads or writes; returns its fully qualified name.</summary>
        public string AddRoot(ITypeSymbol type, bool read, bool write, ImmutableArray<Location> locations) =>
            Add((INamedTypeSymbol)type, read, write, locations.FirstOrDefault());

        private string Add(INamedTypeSymbol type, bool read, bool write, Location? usedAt)
        {
            var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (!_byName.TryGetValue(name, out var entry))
            {
                entry = new Entry(type, name, usedAt);
                _byName.Add(name, entry);
                _entries.Add(entry);
                if (!IsModuleVisible(type))
                {
                    AllAtLeastInternal = false;
                }
            }
            var grew = (read && !entry.Read) || (write && !entry.Write);
            entry.Read |= read;
            entry.Write |= write;
            if (grew || !entry.Parsed)
            {
                _queue.Enqueue(entry);
            }
            return name;
        }

        /// <summary>Resolves every queued record and its nested records.</summary>
        public List<WireTypeModel> Build(CancellationToken cancellationToken)
        {
            while (_queue.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = _queue.Dequeue();
                if (!entry.Parsed)
                {
                    Parse(entry);
                }
                foreach (var nested in entry.Nested)
                {
                    Add(nested, entry.Read, entry.Write, entry.UsedAt);
                }
            }

            var suffixes = new HashSet<string>();
            var result = new List<WireTypeModel>();
            foreach (var entry in _entries)
            {
                var suffix = entry.Symbol.Name;
                for (var i = 2; !suffixes.Add(suffix); i++)
                {
                    suffix = entry.Symbol.Name + i.ToString(CultureInfo.InvariantCulture);
                }
                var members = entry.Members;
                if (entry.Read)
                {
                    members = BindConstructor(entry, members);
                }
                result.Add(new WireTypeModel(entry.FullName, suffix, entry.Symbol.IsRecord, entry.Symbol.IsValueType, entry.Read, entry.Write, members.ToEquatableArray()));
            }
            return result;
        }

        private void Parse(Entry entry)
        {
            entry.Parsed = true;
            var chain = new List<INamedTypeSymbol>();
            for (var t = entry.Symbol; t != null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
            {
                chain.Insert(0, t);
            }
            var seen = new HashSet<string>();
            foreach (var declaring in chain)
            {
                foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod == null || property.GetMethod.DeclaredAccessibility != Accessibility.Public
                        || IsIgnored(property) || !seen.Add(property.Name))
                    {
                        continue;
                    }
                    var location = property.Locations.FirstOrDefault(l => l.IsInSource) ?? entry.UsedAt;
                    var typeRef = Resolve(property.Type, property, entry, location);
                    if (typeRef == null)
                    {
                        continue;
                    }
                    var jsonName = JsonName(property);
                    var settable = property.SetMethod != null && property.SetMethod.DeclaredAccessibility == Accessibility.Public;
                    var required = property.IsRequired || HasAttribute(property, JsonAttributes + "JsonRequiredAttribute");
                    var extension = HasAttribute(property, JsonAttributes + "JsonExtensionDataAttribute");
                    if (extension && !IsExtensionDataType(typeRef, entry, out var whyNot))
                    {
                        _diagnostics.Add(ProviderParser.Diagnostic(DiagnosticIds.UnsupportedMember, location, entry.Symbol.Name, property.Name,
                            property.Type.ToDisplayString(), whyNot));
                        continue;
                    }
                    entry.Members.Add(new WireMemberModel(property.Name, jsonName, typeRef, required, -1, null,
                        settable, settable && property.SetMethod!.IsInitOnly, property.IsRequired, extension));
                }
            }
        }

        private List<WireMemberModel> BindConstructor(Entry entry, List<WireMemberModel> members)
        {
            var constructors = entry.Symbol.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public
                    && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, entry.Symbol)))
                .ToList();
            var chosen = constructors.FirstOrDefault(c => HasAttribute(c, JsonAttributes + "JsonConstructorAttribute"))
                ?? constructors.FirstOrDefault(c => c.Parameters.Length == 0)
                ?? (constructors.Count == 1 ? constructors[0] : null);
            var location = entry.Symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? entry.UsedAt;
            if (chosen == null)
            {
                _diagnostics.Add(ProviderParser.Diagnostic(DiagnosticIds.UnsupportedMember, location, entry.Symbol.Name, "(constructor)", entry.Symbol.Name,
                    "it has no public parameterless constructor, no single public constructor and no [JsonConstructor]"));
                return members;
            }
            var bound = new List<WireMemberModel>(members);
            for (var i = 0; i < chosen.Parameters.Length; i++)
            {
                var parameter = chosen.Parameters[i];
                var index = bound.FindIndex(m => string.Equals(m.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    _diagnostics.Add(ProviderParser.Diagnostic(DiagnosticIds.UnsupportedMember, location, entry.Symbol.Name, parameter.Name, entry.Symbol.Name,
                        "the constructor parameter has no public property of the same name"));
                    continue;
                }
                var member = bound[index];
                var required = member.IsRequired || (!parameter.HasExplicitDefaultValue && !member.Type.IsNullable);
                bound[index] = member with
                {
                    ConstructorIndex = i,
                    ConstructorDefault = parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : null,
                    IsRequired = required,
                    CanRead = true,
                };
            }
            return bound;
        }

        private TypeRefModel? Resolve(ITypeSymbol type, IPropertySymbol property, Entry entry, Location? location)
        {
            var reason = (string?)null;
            var result = ResolveType(type, property, entry, ref reason);
            if (result == null)
            {
                _diagnostics.Add(ProviderParser.Diagnostic(DiagnosticIds.UnsupportedMember, location, entry.Symbol.Name, property.Name,
                    type.ToDisplayString(), reason ?? "the generator does not serialize this type"));
            }
            return result;
        }

        private TypeRefModel? ResolveType(ITypeSymbol type, IPropertySymbol property, Entry entry, ref string? reason)
        {
            var full = type.ToDisplayString(FullFormat);
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
            {
                var inner = ResolveType(nullableValue.TypeArguments[0], property, entry, ref reason);
                return inner == null ? null : inner with { FullName = full, IsNullable = true, IsNullableValueType = true };
            }
            var nullable = !type.IsValueType && type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            TypeRefModel Simple(WireKind kind, string? reader = null) =>
                new TypeRefModel(kind, full, nullable, false, reader, false, EquatableArray<string>.Empty, null, null);

            switch (type.SpecialType)
            {
                case SpecialType.System_String: return Simple(WireKind.String);
                case SpecialType.System_Boolean: return Simple(WireKind.Boolean);
                case SpecialType.System_Int32: return Simple(WireKind.Number, "GetInt32");
                case SpecialType.System_UInt32: return Simple(WireKind.Number, "GetUInt32");
                case SpecialType.System_Int64: return Simple(WireKind.Number, "GetInt64");
                case SpecialType.System_UInt64: return Simple(WireKind.Number, "GetUInt64");
                case SpecialType.System_Single: return Simple(WireKind.Number, "GetSingle");
                case SpecialType.System_Double: return Simple(WireKind.Number, "GetDouble");
                case SpecialType.System_Decimal: return Simple(WireKind.Number, "GetDecimal");
                case SpecialType.System_Byte: return Simple(WireKind.SmallNumber, "GetByte");
                case SpecialType.System_SByte: return Simple(WireKind.SmallNumber, "GetSByte");
                case SpecialType.System_Int16: return Simple(WireKind.SmallNumber, "GetInt16");
                case SpecialType.System_UInt16: return Simple(WireKind.SmallNumber, "GetUInt16");
                case SpecialType.System_DateTime: return Simple(WireKind.StringValue, "GetDateTime");
            }

            var plain = HookSpecs.Name(type);
            switch (plain)
            {
                case "System.Text.Json.JsonElement": return Simple(WireKind.JsonElement);
                case "System.Guid": return Simple(WireKind.StringValue, "GetGuid");
                case "System.DateTimeOffset": return Simple(WireKind.StringValue, "GetDateTimeOffset");
            }

            if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                if (!IsModuleVisible(enumType))
                {
                    AllAtLeastInternal = false;
                }
                var asString = HasStringEnumConverter(property) || HasStringEnumConverter(enumType);
                var names = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
                var reader = enumType.EnumUnderlyingType?.SpecialType switch
                {
                    SpecialType.System_Byte => "GetByte",
                    SpecialType.System_SByte => "GetSByte",
                    SpecialType.System_Int16 => "GetInt16",
                    SpecialType.System_UInt16 => "GetUInt16",
                    SpecialType.System_UInt32 => "GetUInt32",
                    SpecialType.System_Int64 => "GetInt64",
                    SpecialType.System_UInt64 => "GetUInt64",
                    _ => "GetInt32",
                };
                return new TypeRefModel(WireKind.Enum, full, nullable, false, reader, asString, names, null, null);
            }

            if (type is IArrayTypeSymbol array)
            {
                if (array.Rank != 1 || array.ElementType.SpecialType == SpecialType.System_Byte)
                {
                    reason = array.Rank != 1 ? "multi-dimensional arrays are not supported" : "byte arrays (base64) are not supported";
                    return null;
                }
                var element = ResolveType(array.ElementType, property, entry, ref reason);
                return element == null ? null : new TypeRefModel(WireKind.Array, full, nullable, false, null, false, EquatableArray<string>.Empty, element, "array");
            }

            if (type is INamedTypeSymbol named && named.IsGenericType)
            {
                var definition = HookSpecs.Name(named.OriginalDefinition);
                switch (definition)
                {
                    case "System.Collections.Generic.List<T>":
                    case "System.Collections.Generic.IList<T>":
                    case "System.Collections.Generic.ICollection<T>":
                    case "System.Collections.Generic.IEnumerable<T>":
                    case "System.Collections.Generic.IReadOnlyList<T>":
                    case "System.Collections.Generic.IReadOnlyCollection<T>":
                        {
                            var element = ResolveType(named.TypeArguments[0], property, entry, ref reason);
                            return element == null ? null : new TypeRefModel(WireKind.List, full, nullable, false, null, false, EquatableArray<string>.Empty, element, "list");
                        }
                    case "System.Collections.Generic.Dictionary<TKey, TValue>":
                    case "System.Collections.Generic.IDictionary<TKey, TValue>":
                    case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                        {
                            if (named.TypeArguments[0].SpecialType != SpecialType.System_String)
                            {
                                reason = "dictionary keys must be strings";
                                return null;
                            }
                            var element = ResolveType(named.TypeArguments[1], property, entry, ref reason);
                            return element == null ? null : new TypeRefModel(WireKind.Dictionary, full, nullable, false, null, false, EquatableArray<string>.Empty, element, "dictionary");
                        }
                }
            }

            if (IsCandidate(type))
            {
                entry.Nested.Add((INamedTypeSymbol)type);
                var objectName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return new TypeRefModel(WireKind.Object, full, nullable, false, objectName, false, EquatableArray<string>.Empty, null, null);
            }
            return null;
        }

        private string JsonName(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == JsonAttributes + "JsonPropertyNameAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    return name;
                }
            }
            return _camelCase ? CamelCase(property.Name) : property.Name;
        }

        /// <summary>The same spelling as <c>JsonNamingPolicy.CamelCase</c>.</summary>
        internal static string CamelCase(string name)
        {
            if (string.IsNullOrEmpty(name) || !char.IsUpper(name[0]))
            {
                return name;
            }
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i]))
                {
                    break;
                }
                var hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    if (chars[i + 1] == ' ')
                    {
                        chars[i] = char.ToLowerInvariant(chars[i]);
                    }
                    break;
                }
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
            return new string(chars);
        }

        /// <summary>
        /// A <c>[JsonExtensionData]</c> member holds the properties no other member names, written after them and
        /// collected from them when read: it must be a <c>Dictionary&lt;string, JsonElement&gt;</c>, one per record.
        /// </summary>
        private static bool IsExtensionDataType(TypeRefModel type, Entry entry, out string whyNot)
        {
            if (entry.Members.Any(m => m.IsExtensionData))
            {
                whyNot = "a record may have only one [JsonExtensionData] member";
                return false;
            }
            if (type.Kind != WireKind.Dictionary || type.Element?.Kind != WireKind.JsonElement
                || !type.FullName.StartsWith("global::System.Collections.Generic.Dictionary<", System.StringComparison.Ordinal))
            {
                whyNot = "a [JsonExtensionData] member must be a Dictionary<string, JsonElement>";
                return false;
            }
            whyNot = string.Empty;
            return true;
        }

        private static bool IsIgnored(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != JsonAttributes + "JsonIgnoreAttribute")
                {
                    continue;
                }
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Condition" && named.Value.Value is int condition)
                    {
                        return condition == 1; // JsonIgnoreCondition.Always; the others only affect writing, and nulls are omitted anyway.
                    }
                }
                return true;
            }
            return false;
        }

        private static bool HasStringEnumConverter(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == JsonAttributes + "JsonConverterAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol converter
                    && converter.OriginalDefinition.ToDisplayString().StartsWith(JsonAttributes + "JsonStringEnumConverter", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool HasAttribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

        private static bool IsSystem(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns != null && !ns.IsGlobalNamespace && !ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }
            return ns != null && !ns.IsGlobalNamespace && (ns.Name == "System" || ns.Name == "Microsoft");
        }

        private static bool IsModuleVisible(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                var accessibility = current.DeclaredAccessibility;
                if (accessibility != Accessibility.Public && accessibility != Accessibility.Internal && accessibility != Accessibility.ProtectedOrInternal)
                {
                    return false;
                }
            }
            return true;
        }

        private static string DefaultLiteral(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            if (value == null)
            {
                return "default!";
            }
            var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : parameter.Type;
            if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
            {
                return "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + ")";
            }
            var literal = SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);
            return value switch
            {
                float _ => literal + "f",
                decimal _ => literal + "m",
                double _ => literal + "d",
                long _ => literal + "L",
                ulong _ => literal + "UL",
                uint _ => literal + "U",
                _ => "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")" + literal,
            };
        }

        private sealed class Entry
        {
            public Entry(INamedTypeSymbol symbol, string fullName, Location? usedAt)
            {
                Symbol = symbol;
                FullName = fullName;
                UsedAt = usedAt;
            }

            public INamedTypeSymbol Symbol { get; }
            public string FullName { get; }
            public Location? UsedAt { get; }
            public bool Read { get; set; }
            public bool Write { get; set; }
            public bool Parsed { get; set; }
            public List<WireMemberModel> Members { get; } = new List<WireMemberModel>();
            public List<INamedTypeSymbol> Nested { get; } = new List<INamedTypeSymbol>();
        }
    }
}
