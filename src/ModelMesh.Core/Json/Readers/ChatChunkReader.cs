using System.Text.Json;

namespace ModelMesh.Json.Readers;

/// <summary>
/// Reads OpenAI chat stream chunks into <see cref="ChatCompletionChunk"/> in one pass over the event's bytes, with
/// the serializer's results (the equivalence tests compare the two on every capture): property names are matched as
/// UTF-8, unmodelled members go to the extension dictionaries only when present, and the strings a stream repeats on
/// every chunk (id, model, object, fingerprint, role, finish reason) are reused from the previous chunk when their
/// bytes repeat. Create one per stream: the cache is that stream's, so concurrent streams never share one. Logprobs
/// and usage, which are rare and deep, go through the source-generated metadata.
/// </summary>
internal sealed class ChatChunkReader
{
    private readonly RepeatedStrings _strings = new();

    /// <summary>Reads one chunk; null when the data is JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">The data is not JSON, or a member has the wrong type (the message names it).</exception>
    public ChatCompletionChunk? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            WireRead.ExpectEnd(ref reader, "The chunk");
            return null;
        }
        var chunk = ReadChunk(ref reader);
        WireRead.ExpectEnd(ref reader, "The chunk");
        return chunk;
    }

    private ChatCompletionChunk ReadChunk(ref Utf8JsonReader reader)
    {
        WireRead.ExpectObject(ref reader, "(chunk)");
        var chunk = new ChatCompletionChunk();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                chunk.Choices = ReadChoices(ref reader)!;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                chunk.Id = _strings.Read(ref reader, RepeatedMember.Id, "id")!;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                chunk.Object = _strings.Read(ref reader, RepeatedMember.Object, "object")!;
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                chunk.Created = WireRead.Int64(ref reader, "created");
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                chunk.Model = _strings.Read(ref reader, RepeatedMember.Model, "model")!;
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                reader.Read();
                chunk.SystemFingerprint = _strings.Read(ref reader, RepeatedMember.SystemFingerprint, "system_fingerprint");
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                reader.Read();
                chunk.ServiceTier = _strings.Read(ref reader, RepeatedMember.ServiceTier, "service_tier");
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                chunk.Usage = reader.TokenType == JsonTokenType.Null ? null : ReadUsage(ref reader);
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        chunk.AdditionalProperties = extensions;
        return chunk;
    }

    /// <summary>The choices: a one-element array for the usual single choice, without a list to grow.</summary>
    private ChatChunkChoice?[]? ReadChoices(ref Utf8JsonReader reader)
    {
        if (!WireRead.StartArray(ref reader, "choices"))
        {
            return null;
        }
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return [];
        }
        var first = ReadChoice(ref reader);
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return [first];
        }
        var choices = new List<ChatChunkChoice?> { first };
        do
        {
            choices.Add(ReadChoice(ref reader));
            reader.Read();
        }
        while (reader.TokenType != JsonTokenType.EndArray);
        return [.. choices];
    }

    private ChatChunkChoice? ReadChoice(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[]");
        // The members are kept in locals and the choice made last, with the delta read: made first, it would make an
        // empty delta of its own only for it to be replaced (80 bytes per chunk).
        var index = 0;
        ChatDelta? delta = null;
        var sawDelta = false;
        string? finishReason = null;
        ChatLogprobs? logprobs = null;
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                delta = ReadDelta(ref reader);
                sawDelta = true;
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = WireRead.Int32(ref reader, "choices[].index");
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finishReason = _strings.Read(ref reader, RepeatedMember.FinishReason, "choices[].finish_reason");
            }
            else if (reader.ValueTextEquals("logprobs"u8))
            {
                reader.Read();
                logprobs = reader.TokenType == JsonTokenType.Null ? null : ReadLogprobs(ref reader);
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        // An absent delta is an empty one, as the serializer leaves it; "delta": null is null, as the serializer sets it.
        return new ChatChunkChoice(sawDelta ? delta! : new ChatDelta())
        {
            Index = index,
            FinishReason = finishReason,
            Logprobs = logprobs,
            AdditionalProperties = extensions,
        };
    }

    private ChatDelta? ReadDelta(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].delta");
        var delta = new ChatDelta();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                delta.Content = WireRead.String(ref reader, "choices[].delta.content");
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                delta.Role = _strings.Read(ref reader, RepeatedMember.Role, "choices[].delta.role");
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                delta.ToolCalls = ReadToolCalls(ref reader)!;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                delta.Refusal = WireRead.String(ref reader, "choices[].delta.refusal");
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                delta.ReasoningContent = WireRead.String(ref reader, "choices[].delta.reasoning_content");
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                delta.Reasoning = WireRead.String(ref reader, "choices[].delta.reasoning");
            }
            else if (reader.ValueTextEquals("thinking_blocks"u8))
            {
                reader.Read();
                delta.ThinkingBlocks = ReadThinkingBlocks(ref reader, "choices[].delta.thinking_blocks");
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        delta.AdditionalProperties = extensions;
        return delta;
    }

    private ChatToolCallDelta?[]? ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (!WireRead.StartArray(ref reader, "choices[].delta.tool_calls"))
        {
            return null;
        }
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return [];
        }
        var first = ReadToolCall(ref reader);
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return [first];
        }
        var calls = new List<ChatToolCallDelta?> { first };
        do
        {
            calls.Add(ReadToolCall(ref reader));
            reader.Read();
        }
        while (reader.TokenType != JsonTokenType.EndArray);
        return [.. calls];
    }

    private ChatToolCallDelta? ReadToolCall(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].delta.tool_calls[]");
        var call = new ChatToolCallDelta();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                call.Function = ReadFunction(ref reader);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                call.Index = WireRead.NullableInt32(ref reader, "choices[].delta.tool_calls[].index");
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                call.Id = WireRead.String(ref reader, "choices[].delta.tool_calls[].id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                call.Type = _strings.Read(ref reader, RepeatedMember.ToolCallType, "choices[].delta.tool_calls[].type");
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        call.AdditionalProperties = extensions;
        return call;
    }

    private static FunctionCallDelta? ReadFunction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].delta.tool_calls[].function");
        var function = new FunctionCallDelta();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                function.Arguments = WireRead.String(ref reader, "choices[].delta.tool_calls[].function.arguments");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                function.Name = WireRead.String(ref reader, "choices[].delta.tool_calls[].function.name");
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        function.AdditionalProperties = extensions;
        return function;
    }

    /// <summary>Signed thinking blocks (rare: an Anthropic answer relayed in OpenAI's shape) through the source-generated metadata.</summary>
    internal static IReadOnlyList<ThinkingBlock>? ReadThinkingBlocks(ref Utf8JsonReader reader, string member)
    {
        // Checked here so that a wrong type names the member, as every other read does.
        return WireRead.StartArray(ref reader, member)
            ? JsonSerializer.Deserialize(ref reader, ModelMeshJsonContext.Default.IReadOnlyListThinkingBlock)
            : null;
    }

    internal static ChatLogprobs? ReadLogprobs(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, ModelMeshJsonContext.Default.ChatLogprobs);

    internal static Usage? ReadUsage(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, ModelMeshJsonContext.Default.Usage);
}
