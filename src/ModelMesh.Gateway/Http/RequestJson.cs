using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Http;

/// <summary>
/// Reads a request body as one of the wire types with the source-generated metadata. A failure says where: malformed
/// JSON with its line and column, a value of the wrong type with the field's path in <c>param</c>.
/// </summary>
internal static class RequestJson
{
    public static T Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type)
        where T : class
    {
        if (body.IsEmpty)
        {
            throw GatewayRequestException.Invalid("The request has no body; send a JSON object.", null, "empty_body");
        }
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException e)
        {
            throw Describe(body, e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            // A converter refused a value (an out-of-range number, a bad enum-like string).
            throw GatewayRequestException.Invalid("The request body has a value that cannot be read: " + e.Message, null, "invalid_value");
        }
        return value ?? throw GatewayRequestException.Invalid("The request body is JSON null; send a JSON object.", null, "invalid_json");
    }

    /// <summary>
    /// Told apart on the error path only: a second pass with the reader finds whether the document is malformed (and
    /// where); when it is well formed, the serializer's path names the field whose value had the wrong type.
    /// </summary>
    private static GatewayRequestException Describe(ReadOnlySpan<byte> body, JsonException error)
    {
        if (Malformed(body) is { } syntax)
        {
            return GatewayRequestException.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"The request body is not valid JSON: {syntax.Reason} at line {syntax.Line}, column {syntax.Column}."),
                null, "invalid_json");
        }
        var param = Param(error.Path);
        if (InvalidUtf8(body) is { } bad)
        {
            // Well formed but not text: the serializer fails on the first string it decodes, which is no wrong type.
            var at = string.Create(CultureInfo.InvariantCulture, $"line {bad.Line}, column {bad.Column}");
            return GatewayRequestException.Invalid(
                param is null ? $"The request body is not valid UTF-8 (at {at})." : $"'{param}' is not valid UTF-8 (at {at}).",
                param, "invalid_encoding");
        }
        if (param is not null && IsMessageElement(param))
        {
            // The serializer stops at the message itself: it is no object, or it lacks its required 'role'.
            return GatewayRequestException.Invalid(
                $"'{param}' must be an object with a 'role' ('system', 'developer', 'user', 'assistant' or 'tool').",
                param + ".role", "missing_required_parameter");
        }
        var where = error.LineNumber is long line && error.BytePositionInLine is long column
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, column {column + 1})")
            : string.Empty;
        return param is null
            ? GatewayRequestException.Invalid($"The request body does not have the expected shape{where}: expected a JSON object of the request's fields.", null, "invalid_type")
            : GatewayRequestException.Invalid($"'{param}' has a value of the wrong type{where}.", param, "invalid_type");
    }

    /// <summary><c>messages[3]</c>: a path that ends at one message, not at one of its fields.</summary>
    private static bool IsMessageElement(string param) =>
        param.StartsWith("messages[", StringComparison.Ordinal) && param.EndsWith(']') && param.IndexOf('.', StringComparison.Ordinal) < 0
        && param.AsSpan(9, param.Length - 10).IndexOfAnyExceptInRange('0', '9') < 0 && param.Length > 10;

    private sealed record Syntax(string Reason, long Line, long Column);

    private static Syntax? Malformed(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException e)
        {
            // The reader's message is about the bytes the client sent; it carries nothing of ours.
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (cut > 0 ? reason[..cut] : reason).TrimEnd(' ', '.', '|');
            return new Syntax(reason, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
    }

    /// <summary>Where the first byte that is not UTF-8 is, or null when the body is valid UTF-8.</summary>
    private static Syntax? InvalidUtf8(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }
        var offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        var before = body[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new Syntax("invalid UTF-8", line, column);
    }

    /// <summary><c>$.messages[0].content</c> → <c>messages[0].content</c>; null for the root.</summary>
    internal static string? Param(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
