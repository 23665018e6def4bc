using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// Writes the loosely typed values of M.E.AI (function arguments, function results, additional properties) as JSON
/// without reflection: JSON elements, strings, booleans and numbers directly, anything else through
/// <see cref="AIJsonUtilities.DefaultOptions"/>, whose source-generated contract covers the M.E.AI types; a type it
/// has no contract for (under Native AOT, an arbitrary class) is refused with <see cref="NotSupportedException"/>.
/// </summary>
internal static class JsonValues
{
    /// <summary>The value as a standalone JSON element.</summary>
    public static JsonElement ToElement(object? value)
    {
        if (value is JsonElement element)
        {
            return element.Clone();
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
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
    public static void Write(Utf8JsonWriter writer, object? value)
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
            default:
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
