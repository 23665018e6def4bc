using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>
/// <c>POST /v1/embeddings</c> of the simulated upstream: one unit-length vector per input, seeded by the input's
/// text, so equal inputs get equal vectors and different inputs nearly orthogonal ones.
/// </summary>
internal static class SimulatedEmbeddings
{
    public const int DefaultDimensions = 256;
    public const int MaxDimensions = 8192;
    public const int MaxInputs = 2048;

    /// <exception cref="SimulatedRequestException">The request is malformed.</exception>
    public static HttpResponseMessage Respond(ReadOnlyMemory<byte> body)
    {
        using var document = RequestFields.ParseObject(body);
        var root = document.RootElement;
        var model = RequestFields.RequiredString(root, "model");
        var dimensions = RequestFields.OptionalInt(root, "dimensions", 1, MaxDimensions) ?? DefaultDimensions;
        var base64 = RequestFields.OptionalString(root, "encoding_format") switch
        {
            null or "float" => false,
            "base64" => true,
            var other => throw new SimulatedRequestException($"'encoding_format' must be \"float\" or \"base64\"; found \"{Shorten(other)}\".", "encoding_format"),
        };
        var inputs = ReadInputs(root);
        var promptTokens = inputs.Sum(i => i.Tokens);
        return UpstreamResponses.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            var vector = new float[dimensions];
            for (var i = 0; i < inputs.Count; i++)
            {
                Fill(vector, inputs[i].Key);
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    var bytes = new byte[dimensions * sizeof(float)];
                    for (var d = 0; d < dimensions; d++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), vector[d]);
                    }
                    w.WriteBase64String("embedding", bytes);
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        w.WriteNumberValue(value);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("total_tokens", promptTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>The inputs as seed keys with their token counts: a string, a list of strings, a token list, or a list of token lists.</summary>
    private static List<(string Key, int Tokens)> ReadInputs(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new SimulatedRequestException("'input' is required: a string, a list of strings, or token lists.", "input");
        }
        if (input.ValueKind == JsonValueKind.String)
        {
            return [Text(input.GetString()!)];
        }
        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            throw new SimulatedRequestException("'input' must be a string or a non-empty list of strings or token lists.", "input");
        }
        if (input.GetArrayLength() > MaxInputs)
        {
            throw new SimulatedRequestException($"'input' may hold at most {MaxInputs} items; it holds {input.GetArrayLength()}.", "input");
        }
        if (input[0].ValueKind == JsonValueKind.Number)
        {
            return [Tokens(input, "input")];
        }
        var inputs = new List<(string, int)>();
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            var path = $"input[{index++}]";
            inputs.Add(item.ValueKind switch
            {
                JsonValueKind.String => Text(item.GetString()!),
                JsonValueKind.Array when item.GetArrayLength() > 0 => Tokens(item, path),
                _ => throw new SimulatedRequestException($"'{path}' must be a string or a non-empty token list; found {RequestFields.Describe(item.ValueKind)}.", "input"),
            });
        }
        return inputs;
    }

    private static (string, int) Text(string text) => ("text:" + text, Math.Max(1, text.Length / 4));

    private static (string, int) Tokens(JsonElement list, string path)
    {
        var tokens = new List<string>();
        foreach (var token in list.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Number || !token.TryGetInt64(out var value))
            {
                throw new SimulatedRequestException($"'{path}' must hold whole-number tokens only.", "input");
            }
            tokens.Add(value.ToString(CultureInfo.InvariantCulture));
        }
        return ("tokens:" + string.Join(',', tokens), tokens.Count);
    }

    /// <summary>Values from splitmix64 seeded by the key's hash, scaled to unit length.</summary>
    private static void Fill(float[] vector, string key)
    {
        var state = StableHash.Of(key);
        var sum = 0.0;
        var values = new double[vector.Length];
        for (var d = 0; d < vector.Length; d++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            values[d] = ((z >> 11) * (1.0 / (1UL << 53)) * 2.0) - 1.0;
            sum += values[d] * values[d];
        }
        var norm = sum > 0 ? Math.Sqrt(sum) : 1.0;
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] = (float)(values[d] / norm);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
