using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// Writes the loosely typed values of M.E.AI (function arguments, function results, additional properties) as JSON
/// without reflection: JSON elements, strings, booleans and numbers directly, anything else through
/// <see cref="AIJsonUtilities.DefaultOptions"/> (M.E.AI's own contract for function arguments and results; under
/// Native AOT a type it has no contract for fails there). Additional properties go on the wire as they are, so they
/// take only JSON-shaped values (JSON, strings, booleans, numbers, lists and string-keyed dictionaries of them):
/// anything else is refused with <see cref="NotSupportedException"/> the same way with or without AOT.
/// </summary>
internal static class JsonValues
{
    /// <summary>The value as a standalone JSON element.</summary>
    /// <param name="value">The value.</param>
    /// <param name="jsonShapedOnly">Refuse values that are not JSON-shaped rather than serialize them with M.E.AI's options.</param>
    /// <exception cref="NotSupportedException">The value cannot be written.</exception>
    public static JsonElement ToElement(object? value, bool jsonShapedOnly = false)
    {
        if (value is JsonElement element)
        {
            return element.Clone();
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value, jsonShapedOnly);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The arguments of a function call as a JSON object text.</summary>
    public static string ObjectText(IDictionary<string, object?>? values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (values is not null)
            {
                foreach (var (name, value) in values)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A function result as the text of a <c>tool</c> message: a string as it is, anything else as JSON.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        _ => ToElement(result).GetRawText(),
    };

    /// <summary>Writes one value (see the type's summary for what is accepted).</summary>
    public static void Write(Utf8JsonWriter writer, object? value, bool jsonShapedOnly = false)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement element: element.WriteTo(writer); break;
            case JsonDocument document: document.RootElement.WriteTo(writer); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case short number: writer.WriteNumberValue(number); break;
            case byte number: writer.WriteNumberValue(number); break;
            case uint number: writer.WriteNumberValue(number); break;
            case ulong number: writer.WriteNumberValue(number); break;
            // Via decimal so that 0.7f is written 0.7, not 0.699999988079071.
            case float number when float.IsFinite(number): writer.WriteNumberValue((decimal)number); break;
            case double number when double.IsFinite(number): writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case DateTimeOffset time: writer.WriteStringValue(time); break;
            case DateTime time: writer.WriteStringValue(time); break;
            case Guid id: writer.WriteStringValue(id); break;
            case Enum member: writer.WriteStringValue(member.ToString()); break;
            case Uri uri: writer.WriteStringValue(uri.ToString()); break;
            case sbyte number: writer.WriteNumberValue(number); break;
            case ushort number: writer.WriteNumberValue(number); break;
            case System.Text.Json.Nodes.JsonNode node: node.WriteTo(writer); break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                writer.WriteStartObject();
                foreach (var (name, member) in members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, member, jsonShapedOnly);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items when value is not System.Collections.IDictionary:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, jsonShapedOnly);
                }
                writer.WriteEndArray();
                break;
            case var _ when jsonShapedOnly:
                throw new NotSupportedException($"A {value.GetType().Name} is not a JSON value.");
            default:
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
