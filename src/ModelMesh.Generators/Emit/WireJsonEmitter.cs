using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using ModelMesh.Generators.Model;

namespace ModelMesh.Generators.Emit
{
    /// <summary>
    /// Emits the provider's <c>WireJson</c> class: <c>Write(Utf8JsonWriter, T)</c> for records hooks write and
    /// <c>ReadX(ReadOnlySpan&lt;byte&gt;)</c>/<c>ReadX(ref Utf8JsonReader)</c> for records hooks read.
    /// </summary>
    internal sealed class WireJsonEmitter
    {
        private const string Json = "global::System.Text.Json.";
        private const string Token = Json + "JsonTokenType.";

        private readonly IndentedWriter _w;
        private readonly Dictionary<string, string> _suffixes;
        private readonly List<TypeRefModel> _enums = new List<TypeRefModel>();
        private int _counter;

        public WireJsonEmitter(IndentedWriter writer, IEnumerable<WireTypeModel> types)
        {
            _w = writer;
            _suffixes = types.ToDictionary(t => t.FullName, t => t.MethodSuffix);
        }

        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public void Emit(string accessibility, EquatableArray<WireTypeModel> types)
        {
            _w.Line("/// <summary>Reads and writes this provider's wire records with <c>Utf8JsonReader</c> and <c>Utf8JsonWriter</c> (no reflection).</summary>");
            _w.Open(accessibility + " static class WireJson");
            var first = true;
            foreach (var type in types)
            {
                if (type.Write)
                {
                    Separate(ref first);
                    EmitWrite(type);
                }
                if (type.Read)
                {
                    Separate(ref first);
                    EmitRead(type);
                }
            }
            for (var i = 0; i < _enums.Count; i++)
            {
                Separate(ref first);
                EmitEnumHelpers(_enums[i], i);
            }
            _w.Close();
        }

        private void Separate(ref bool first)
        {
            if (!first)
            {
                _w.Line();
            }
            first = false;
        }

        private string Local(string prefix) => prefix + (_counter++).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void EmitWrite(WireTypeModel type)
        {
            _counter = 0;
            _w.Line("/// <summary>Writes a <see cref=\"" + Cref(type.FullName) + "\"/> as a JSON object; null members are omitted.</summary>");
            _w.Open("public static void Write(" + Json + "Utf8JsonWriter writer, " + type.FullName + " value)");
            if (!type.IsValueType)
            {
                _w.Open("if (value is null)");
                _w.Line("writer.WriteNullValue();");
                _w.Line("return;");
                _w.Close();
            }
            _w.Line("writer.WriteStartObject();");
            foreach (var member in type.Members.Where(m => !m.IsExtensionData))
            {
                var access = "value." + Identifiers.Escape(member.Name);
                var name = "writer.WritePropertyName(" + Literal(member.JsonName) + ");";
                var t = member.Type;
                if (t.Kind == WireKind.JsonElement)
                {
                    var v = Local("v");
                    _w.Open("if (" + access + " is { ValueKind: not " + Json + "JsonValueKind.Undefined } " + v + ")");
                    _w.Line(name);
                    WriteValue(t, v);
                    _w.Close();
                }
                else if (IsValueTypeNonNullable(t))
                {
                    _w.Line(name);
                    WriteValue(t, access);
                }
                else
                {
                    var v = Local("v");
                    _w.Open("if (" + access + " is { } " + v + ")");
                    _w.Line(name);
                    WriteValue(t, v);
                    _w.Close();
                }
            }
            foreach (var member in type.Members.Where(m => m.IsExtensionData))
            {
                // As System.Text.Json does: the extension entries are written after the declared members, as properties.
                var entries = Local("x");
                var pair = Local("p");
                _w.Open("if (value." + Identifiers.Escape(member.Name) + " is { } " + entries + ")");
                _w.Open("foreach (var " + pair + " in " + entries + ")");
                _w.Open("if (" + pair + ".Value.ValueKind != " + Json + "JsonValueKind.Undefined)");
                _w.Line("writer.WritePropertyName(" + pair + ".Key);");
                _w.Line(pair + ".Value.WriteTo(writer);");
                _w.Close();
                _w.Close();
                _w.Close();
            }
            _w.Line("writer.WriteEndObject();");
            _w.Close();
        }

        private static bool IsValueTypeNonNullable(TypeRefModel t) =>
            !t.IsNullableValueType && t.Kind != WireKind.String && t.Kind != WireKind.Object && t.Kind != WireKind.Array
            && t.Kind != WireKind.List && t.Kind != WireKind.Dictionary && !(t.Kind == WireKind.Object);

        /// <summary>Writes a value known not to be null.</summary>
        private void WriteValue(TypeRefModel t, string expression)
        {
            switch (t.Kind)
            {
                case WireKind.String:
                case WireKind.StringValue:
                    _w.Line("writer.WriteStringValue(" + expression + ");");
                    break;
                case WireKind.Boolean:
                    _w.Line("writer.WriteBooleanValue(" + expression + ");");
                    break;
                case WireKind.Number:
                    _w.Line("writer.WriteNumberValue(" + expression + ");");
                    break;
                case WireKind.SmallNumber:
                    _w.Line("writer.WriteNumberValue((int)" + expression + ");");
                    break;
                case WireKind.Enum:
                    if (t.EnumAsString)
                    {
                        _w.Line("WriteEnum" + EnumIndex(t) + "(writer, " + expression + ");");
                    }
                    else
                    {
                        _w.Line("writer.WriteNumberValue((" + Underlying(t.Reader) + ")" + expression + ");");
                    }
                    break;
                case WireKind.Object:
                    _w.Line("Write(writer, " + expression + ");");
                    break;
                case WireKind.JsonElement:
                    _w.Line(expression + ".WriteTo(writer);");
                    break;
                case WireKind.Array:
                case WireKind.List:
                    {
                        var item = Local("i");
                        _w.Line("writer.WriteStartArray();");
                        _w.Open("foreach (var " + item + " in " + expression + ")");
                        WriteElement(t.Element!, item);
                        _w.Close();
                        _w.Line("writer.WriteEndArray();");
                        break;
                    }
                case WireKind.Dictionary:
                    {
                        var pair = Local("p");
                        _w.Line("writer.WriteStartObject();");
                        _w.Open("foreach (var " + pair + " in " + expression + ")");
                        _w.Line("writer.WritePropertyName(" + pair + ".Key);");
                        WriteElement(t.Element!, pair + ".Value");
                        _w.Close();
                        _w.Line("writer.WriteEndObject();");
                        break;
                    }
            }
        }

        private void WriteElement(TypeRefModel t, string expression)
        {
            if (t.Kind == WireKind.JsonElement)
            {
                var e = Local("e");
                _w.Open("if (" + expression + " is { ValueKind: not " + Json + "JsonValueKind.Undefined } " + e + ")");
                WriteValue(t, e);
                _w.Close();
                _w.Open("else");
                _w.Line("writer.WriteNullValue();");
                _w.Close();
            }
            else if (IsValueTypeNonNullable(t))
            {
                WriteValue(t, expression);
            }
            else
            {
                var e = Local("e");
                _w.Open("if (" + expression + " is { } " + e + ")");
                WriteValue(t, e);
                _w.Close();
                _w.Open("else");
                _w.Line("writer.WriteNullValue();");
                _w.Close();
            }
        }

        private void EmitRead(WireTypeModel type)
        {
            _counter = 0;
            var suffix = type.MethodSuffix;
            var kept = type.Members.FirstOrDefault(m => m.IsExtensionData && m.CanRead);
            _w.Line("/// <summary>Reads a <see cref=\"" + Cref(type.FullName) + "\"/> from one JSON object; unknown properties are "
                + (kept == null ? "skipped" : "kept in " + kept.Name) + ".</summary>");
            _w.Open("public static " + type.FullName + " Read" + suffix + "(global::System.ReadOnlySpan<byte> json)");
            _w.Line("var reader = new " + Json + "Utf8JsonReader(json);");
            _w.Open("if (!reader.Read())");
            _w.Line("throw new " + Json + "JsonException(" + Literal("The JSON for " + Short(type.FullName) + " is empty.") + ");");
            _w.Close();
            _w.Line("return Read" + suffix + "(ref reader);");
            _w.Close();
            _w.Line();
            _w.Line("/// <summary>Reads a <see cref=\"" + Cref(type.FullName) + "\"/> from the JSON object the reader is on; leaves the reader on its end.</summary>");
            _w.Open("public static " + type.FullName + " Read" + suffix + "(ref " + Json + "Utf8JsonReader reader)");
            _w.Open("if (reader.TokenType != " + Token + "StartObject)");
            _w.Line("throw new " + Json + "JsonException(" + Literal("Expected a JSON object for " + Short(type.FullName) + ", found ") + " + reader.TokenType.ToString() + \".\");");
            _w.Close();

            var members = type.Members.Where(m => m.CanRead).ToList();
            var extension = members.FindIndex(m => m.IsExtensionData);
            var inInitializer = members.Select(m => m.ConstructorIndex < 0
                && (m.IsRequiredKeyword || m.IsRequired || (m.IsInitOnly && !(type.IsRecord || type.IsValueType)))).ToList();
            var tracked = members.Select((m, i) => m.IsRequired || (m.ConstructorIndex < 0 && !inInitializer[i])).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                _w.Line(members[i].Type.FullName + " m" + i + " = " + (members[i].ConstructorDefault ?? "default!") + ";");
                if (tracked[i])
                {
                    _w.Line("var has" + i + " = false;");
                }
            }
            _w.Open("while (reader.Read() && reader.TokenType != " + Token + "EndObject)");
            if (members.Count == 0)
            {
                _w.Line("reader.Read();");
                _w.Line("reader.Skip();");
            }
            else
            {
                _w.Line("int member;");
                if (extension >= 0)
                {
                    _w.Line("string? unknown = null;");
                }
                var named = Enumerable.Range(0, members.Count).Where(i => i != extension).ToList();
                if (named.Count == 0)
                {
                    _w.Line("member = -1;");
                }
                else
                {
                    // Names are matched as UTF-8 bytes: no string is made for a name, known or not.
                    for (var n = 0; n < named.Count; n++)
                    {
                        _w.Line((n == 0 ? "if" : "else if") + " (reader.ValueTextEquals(" + Literal(members[named[n]].JsonName) + "u8))");
                        _w.Line("{");
                        _w.Line("    member = " + named[n] + ";");
                        _w.Line("}");
                    }
                    _w.Open("else");
                    // A name that differs only in case still matches: compared as ASCII bytes when the name is plain
                    // ASCII and unescaped (the usual case), as a string otherwise.
                    _w.Line("var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;");
                    for (var n = 0; n < named.Count; n++)
                    {
                        var jsonName = members[named[n]].JsonName;
                        var test = IsAscii(jsonName)
                            ? "plain ? global::System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, " + Literal(jsonName) + "u8) : string.Equals(reader.GetString(), " + Literal(jsonName) + ", global::System.StringComparison.OrdinalIgnoreCase)"
                            : "string.Equals(reader.GetString(), " + Literal(jsonName) + ", global::System.StringComparison.OrdinalIgnoreCase)";
                        _w.Line((n == 0 ? "if" : "else if") + " (" + test + ")");
                        _w.Line("{");
                        _w.Line("    member = " + named[n] + ";");
                        _w.Line("}");
                    }
                    _w.Open("else");
                    _w.Line("member = -1;");
                    _w.Close();
                    _w.Close();
                }
                if (extension >= 0)
                {
                    // Only an unknown member's name becomes a string: it is the extension dictionary's key.
                    _w.Open("if (member < 0)");
                    _w.Line("unknown = reader.GetString()!;");
                    _w.Close();
                }
                _w.Line("reader.Read();");
                // A value of the wrong JSON type makes Utf8JsonReader throw InvalidOperationException (FormatException
                // for a number out of range); it is rethrown as the JsonException a malformed response is, naming the member.
                _w.Open("try");
                _w.Open("switch (member)");
                for (var i = 0; i < members.Count; i++)
                {
                    if (i == extension)
                    {
                        continue;
                    }
                    _w.Line("case " + i + ":");
                    _w.Open("{", bare: true);
                    ReadValue(members[i].Type, "m" + i, type, members[i]);
                    if (tracked[i])
                    {
                        _w.Line("has" + i + " = true;");
                    }
                    _w.Line("break;");
                    _w.Close();
                }
                _w.Line("default:");
                if (extension >= 0)
                {
                    // Unknown properties are kept, as System.Text.Json keeps them in a [JsonExtensionData] dictionary.
                    _w.Open("{", bare: true);
                    _w.Line("m" + extension + " ??= new global::System.Collections.Generic.Dictionary<string, " + Json + "JsonElement>();");
                    _w.Line("m" + extension + "[unknown!] = " + Json + "JsonElement.ParseValue(ref reader);");
                    if (tracked[extension])
                    {
                        _w.Line("has" + extension + " = true;");
                    }
                    _w.Line("break;");
                    _w.Close();
                }
                else
                {
                    _w.Line("    reader.Skip();");
                    _w.Line("    break;");
                }
                _w.Close();
                _w.Close();
                var memberName = "member switch { " + string.Concat(named.Select(i => i + " => " + Literal(members[i].JsonName) + ", ")) + "_ => \"(unknown)\" }";
                foreach (var caught in new[] { "global::System.InvalidOperationException", "global::System.FormatException" })
                {
                    _w.Open("catch (" + caught + " e)");
                    _w.Line("throw new " + Json + "JsonException(" + Literal("The JSON value of \"") + " + " + memberName + " + " + Literal("\" of " + Short(type.FullName) + " has the wrong type or is out of range: ") + " + e.Message, e);");
                    _w.Close();
                }
            }
            _w.Close();

            for (var i = 0; i < members.Count; i++)
            {
                if (!members[i].IsRequired)
                {
                    continue;
                }
                _w.Open("if (!has" + i + ")");
                _w.Line("throw new " + Json + "JsonException(" + Literal("The JSON object for " + Short(type.FullName) + " has no \"" + members[i].JsonName + "\" (property " + members[i].Name + "), which is required.") + ");");
                _w.Close();
            }

            var constructorArguments = members.Select((m, i) => (m, i)).Where(x => x.m.ConstructorIndex >= 0).OrderBy(x => x.m.ConstructorIndex).Select(x => "m" + x.i);
            var initialized = new List<string>();
            var conditional = new List<(string Name, int Index, bool With)>();
            for (var i = 0; i < members.Count; i++)
            {
                var m = members[i];
                if (m.ConstructorIndex >= 0)
                {
                    continue;
                }
                if (inInitializer[i])
                {
                    initialized.Add(Identifiers.Escape(m.Name) + " = m" + i + ",");
                }
                else
                {
                    conditional.Add((Identifiers.Escape(m.Name), i, m.IsInitOnly));
                }
            }
            var creation = "new " + type.FullName + "(" + string.Join(", ", constructorArguments) + ")";
            if (initialized.Count == 0)
            {
                _w.Line("var result = " + creation + ";");
            }
            else
            {
                _w.Line("var result = " + creation);
                _w.Line("{");
                foreach (var line in initialized)
                {
                    _w.Line("    " + line);
                }
                _w.Line("};");
            }
            foreach (var (name, index, with) in conditional)
            {
                _w.Open("if (has" + index + ")");
                _w.Line(with ? "result = result with { " + name + " = m" + index + " };" : "result." + name + " = m" + index + ";");
                _w.Close();
            }
            _w.Line("return result;");
            _w.Close();
        }

        /// <summary>Reads the value the reader is on into <paramref name="target"/>.</summary>
        private void ReadValue(TypeRefModel t, string target, WireTypeModel owner, WireMemberModel? member)
        {
            if (t.Kind == WireKind.JsonElement)
            {
                ReadNonNull(t, target, owner, member);
                return;
            }
            _w.Open("if (reader.TokenType == " + Token + "Null)");
            if (t.IsNullable)
            {
                _w.Line(target + " = null;");
            }
            else if (IsValueTypeNonNullable(t))
            {
                var what = member == null ? "an element of " + Short(owner.FullName) : "\"" + member.JsonName + "\" of " + Short(owner.FullName);
                _w.Line("throw new " + Json + "JsonException(" + Literal("The JSON value of " + what + " is null, which its type does not allow.") + ");");
            }
            else
            {
                _w.Line(target + " = null!;");
            }
            _w.Close();
            _w.Open("else");
            ReadNonNull(t, target, owner, member);
            _w.Close();
        }

        private void ReadNonNull(TypeRefModel t, string target, WireTypeModel owner, WireMemberModel? member)
        {
            switch (t.Kind)
            {
                case WireKind.String:
                    _w.Line(target + " = reader.GetString()!;");
                    break;
                case WireKind.Boolean:
                    _w.Line(target + " = reader.GetBoolean();");
                    break;
                case WireKind.Number:
                case WireKind.SmallNumber:
                case WireKind.StringValue:
                    _w.Line(target + " = reader." + t.Reader + "();");
                    break;
                case WireKind.Enum:
                    {
                        var enumType = NonNullable(t.FullName);
                        if (t.EnumAsString)
                        {
                            _w.Line(target + " = reader.TokenType == " + Token + "String ? ParseEnum" + EnumIndex(t) + "(reader.GetString()) : (" + enumType + ")reader." + t.Reader + "();");
                        }
                        else
                        {
                            _w.Line(target + " = (" + enumType + ")reader." + t.Reader + "();");
                        }
                        break;
                    }
                case WireKind.Object:
                    _w.Line(target + " = Read" + _suffixes[t.Reader!] + "(ref reader);");
                    break;
                case WireKind.JsonElement:
                    _w.Line(target + " = " + Json + "JsonElement.ParseValue(ref reader);");
                    break;
                case WireKind.Array:
                case WireKind.List:
                    {
                        var list = Local("l");
                        var item = Local("e");
                        _w.Open("if (reader.TokenType != " + Token + "StartArray)");
                        _w.Line("throw new " + Json + "JsonException(" + Literal("Expected a JSON array in " + Short(owner.FullName) + (member == null ? "." : " \"" + member.JsonName + "\".")) + ");");
                        _w.Close();
                        _w.Line("var " + list + " = new global::System.Collections.Generic.List<" + t.Element!.FullName + ">();");
                        _w.Open("while (reader.Read() && reader.TokenType != " + Token + "EndArray)");
                        _w.Line(t.Element.FullName + " " + item + " = default!;");
                        ReadValue(t.Element, item, owner, null);
                        _w.Line(list + ".Add(" + item + ");");
                        _w.Close();
                        _w.Line(target + " = " + list + (t.CollectionConstruction == "array" ? ".ToArray();" : ";"));
                        break;
                    }
                case WireKind.Dictionary:
                    {
                        var dictionary = Local("d");
                        var key = Local("k");
                        var item = Local("e");
                        _w.Open("if (reader.TokenType != " + Token + "StartObject)");
                        _w.Line("throw new " + Json + "JsonException(" + Literal("Expected a JSON object in " + Short(owner.FullName) + (member == null ? "." : " \"" + member.JsonName + "\".")) + ");");
                        _w.Close();
                        _w.Line("var " + dictionary + " = new global::System.Collections.Generic.Dictionary<string, " + t.Element!.FullName + ">();");
                        _w.Open("while (reader.Read() && reader.TokenType != " + Token + "EndObject)");
                        _w.Line("var " + key + " = reader.GetString()!;");
                        _w.Line("reader.Read();");
                        _w.Line(t.Element.FullName + " " + item + " = default!;");
                        ReadValue(t.Element, item, owner, null);
                        _w.Line(dictionary + "[" + key + "] = " + item + ";");
                        _w.Close();
                        _w.Line(target + " = " + dictionary + ";");
                        break;
                    }
            }
        }

        private int EnumIndex(TypeRefModel t)
        {
            var name = NonNullable(t.FullName);
            var index = _enums.FindIndex(e => NonNullable(e.FullName) == name);
            if (index < 0)
            {
                _enums.Add(t);
                index = _enums.Count - 1;
            }
            return index;
        }

        private void EmitEnumHelpers(TypeRefModel t, int index)
        {
            var type = NonNullable(t.FullName);
            _w.Open("private static void WriteEnum" + index + "(" + Json + "Utf8JsonWriter writer, " + type + " value)");
            for (var i = 0; i < t.EnumNames.Count; i++)
            {
                _w.Line((i == 0 ? "if" : "else if") + " (value == " + type + "." + t.EnumNames[i] + ")");
                _w.Line("{");
                _w.Line("    writer.WriteStringValue(" + Literal(t.EnumNames[i]) + ");");
                _w.Line("}");
            }
            if (t.EnumNames.Count == 0)
            {
                _w.Line("writer.WriteNumberValue((" + Underlying(t.Reader) + ")value);");
            }
            else
            {
                _w.Open("else");
                _w.Line("writer.WriteNumberValue((" + Underlying(t.Reader) + ")value);");
                _w.Close();
            }
            _w.Close();
            _w.Line();
            _w.Open("private static " + type + " ParseEnum" + index + "(string? text)");
            foreach (var name in t.EnumNames)
            {
                _w.Open("if (string.Equals(text, " + Literal(name) + ", global::System.StringComparison.OrdinalIgnoreCase))");
                _w.Line("return " + type + "." + name + ";");
                _w.Close();
            }
            _w.Line("throw new " + Json + "JsonException(\"'\" + text + \"' is not a value of " + Short(type) + ".\");");
            _w.Close();
        }

        private static string Underlying(string? reader) => reader switch
        {
            "GetByte" => "byte",
            "GetSByte" => "sbyte",
            "GetInt16" => "short",
            "GetUInt16" => "ushort",
            "GetUInt32" => "uint",
            "GetInt64" => "long",
            "GetUInt64" => "ulong",
            _ => "int",
        };

        private static bool IsAscii(string text) => text.All(c => c < 128);

        private static string NonNullable(string fullName) => fullName.EndsWith("?", System.StringComparison.Ordinal) ? fullName.Substring(0, fullName.Length - 1) : fullName;

        private static string Short(string fullName)
        {
            var name = NonNullable(fullName);
            var dot = name.LastIndexOf('.');
            return dot < 0 ? name.Replace("global::", string.Empty) : name.Substring(dot + 1);
        }

        private static string Cref(string fullName) => NonNullable(fullName).Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}');
    }
}
