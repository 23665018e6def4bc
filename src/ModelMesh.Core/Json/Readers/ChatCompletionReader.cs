using System.Text.Json;

namespace ModelMesh.Json.Readers;

/// <summary>
/// Reads a whole OpenAI chat completion into <see cref="ChatCompletion"/> in one pass, with the serializer's results
/// (see <see cref="ChatChunkReader"/>, which this mirrors for the non-streamed shape). A body is read once, so nothing
/// is cached between calls and the reader has no state.
/// </summary>
internal static class ChatCompletionReader
{
    /// <summary>Reads one completion; null when the body is JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">The body is not JSON, or a member has the wrong type (the message names it).</exception>
    public static ChatCompletion? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            WireRead.ExpectEnd(ref reader, "The completion");
            return null;
        }
        WireRead.ExpectObject(ref reader, "(completion)");
        var completion = new ChatCompletion();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                completion.Choices = ReadChoices(ref reader)!;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                completion.Id = WireRead.String(ref reader, "id")!;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                completion.Object = WireRead.String(ref reader, "object")!;
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                completion.Created = WireRead.Int64(ref reader, "created");
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                completion.Model = WireRead.String(ref reader, "model")!;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                completion.Usage = reader.TokenType == JsonTokenType.Null ? null : ChatChunkReader.ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                reader.Read();
                completion.SystemFingerprint = WireRead.String(ref reader, "system_fingerprint");
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                reader.Read();
                completion.ServiceTier = WireRead.String(ref reader, "service_tier");
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        completion.AdditionalProperties = extensions;
        WireRead.ExpectEnd(ref reader, "The completion");
        return completion;
    }

    private static ChatChoice?[]? ReadChoices(ref Utf8JsonReader reader)
    {
        if (!WireRead.StartArray(ref reader, "choices"))
        {
            return null;
        }
        var choices = new List<ChatChoice?>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            choices.Add(ReadChoice(ref reader));
        }
        return [.. choices];
    }

    private static ChatChoice? ReadChoice(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[]");
        var choice = new ChatChoice();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                choice.Message = ReadMessage(ref reader)!;
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                choice.Index = WireRead.Int32(ref reader, "choices[].index");
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                choice.FinishReason = WireRead.String(ref reader, "choices[].finish_reason");
            }
            else if (reader.ValueTextEquals("logprobs"u8))
            {
                reader.Read();
                choice.Logprobs = reader.TokenType == JsonTokenType.Null ? null : ChatChunkReader.ReadLogprobs(ref reader);
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        choice.AdditionalProperties = extensions;
        return choice;
    }

    private static ChatMessage? ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].message");
        var message = new ChatMessage();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                message.WireContent = MessageContentConverter.ReadContent(ref reader);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                message.Role = WireRead.String(ref reader, "choices[].message.role")!;
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                message.ToolCalls = ReadToolCalls(ref reader)!;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                message.Refusal = WireRead.String(ref reader, "choices[].message.refusal");
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                message.ReasoningContent = WireRead.String(ref reader, "choices[].message.reasoning_content");
            }
            else if (reader.ValueTextEquals("thinking_blocks"u8))
            {
                reader.Read();
                message.ThinkingBlocks = ChatChunkReader.ReadThinkingBlocks(ref reader, "choices[].message.thinking_blocks");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                message.Name = WireRead.String(ref reader, "choices[].message.name");
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                reader.Read();
                message.ToolCallId = WireRead.String(ref reader, "choices[].message.tool_call_id");
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        message.AdditionalProperties = extensions;
        return message;
    }

    private static ChatToolCall?[]? ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (!WireRead.StartArray(ref reader, "choices[].message.tool_calls"))
        {
            return null;
        }
        var calls = new List<ChatToolCall?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            calls.Add(ReadToolCall(ref reader));
        }
        return [.. calls];
    }

    private static ChatToolCall? ReadToolCall(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].message.tool_calls[]");
        var call = new ChatToolCall();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                call.Function = ReadFunction(ref reader)!;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                call.Id = WireRead.String(ref reader, "choices[].message.tool_calls[].id")!;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                call.Type = WireRead.String(ref reader, "choices[].message.tool_calls[].type")!;
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        call.AdditionalProperties = extensions;
        return call;
    }

    private static FunctionCall? ReadFunction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        WireRead.ExpectObject(ref reader, "choices[].message.tool_calls[].function");
        var function = new FunctionCall();
        Dictionary<string, JsonElement>? extensions = null;
        while (WireRead.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                function.Arguments = WireRead.String(ref reader, "choices[].message.tool_calls[].function.arguments")!;
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                function.Name = WireRead.String(ref reader, "choices[].message.tool_calls[].function.name")!;
            }
            else
            {
                WireRead.Extension(ref reader, ref extensions);
            }
        }
        function.AdditionalProperties = extensions;
        return function;
    }
}
