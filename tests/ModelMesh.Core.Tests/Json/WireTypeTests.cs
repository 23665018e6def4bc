using System.Text.Json;

namespace ModelMesh.Core.Tests;

public class WireTypeTests
{
    private const string FullRequest = """
        {
          "model": "chat-completion",
          "messages": [
            { "role": "system", "content": "Be brief." },
            { "role": "developer", "content": "Answer in English.", "name": "dev" },
            {
              "role": "user",
              "content": [
                { "type": "text", "text": "What is in this image and this clip?" },
                { "type": "image_url", "image_url": { "url": "https://example.com/cat.png", "detail": "high" } },
                { "type": "input_audio", "input_audio": { "data": "UklGRg==", "format": "wav" } }
              ]
            },
            {
              "role": "assistant",
              "content": "Let me look that up.",
              "tool_calls": [
                { "id": "call_1", "type": "function", "function": { "name": "get_weather", "arguments": "{\"city\":\"Paris\"}" } }
              ]
            },
            { "role": "tool", "tool_call_id": "call_1", "content": "{\"temp\":21}" }
          ],
          "frequency_penalty": 0.5,
          "logit_bias": { "50256": -100, "1234": 5 },
          "logprobs": true,
          "top_logprobs": 3,
          "max_tokens": 256,
          "max_completion_tokens": 512,
          "n": 2,
          "presence_penalty": -0.25,
          "response_format": {
            "type": "json_schema",
            "json_schema": {
              "name": "weather",
              "description": "A weather report",
              "schema": { "type": "object", "properties": { "temp": { "type": "number" } }, "required": ["temp"], "additionalProperties": false },
              "strict": true
            }
          },
          "seed": 9033012299842426000,
          "service_tier": "default",
          "stop": ["END", "STOP"],
          "stream": true,
          "stream_options": { "include_usage": true },
          "temperature": 0.7,
          "top_p": 0.95,
          "tools": [
            {
              "type": "function",
              "function": {
                "name": "get_weather",
                "description": "Current weather for a city",
                "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] },
                "strict": false
              }
            }
          ],
          "tool_choice": "auto",
          "parallel_tool_calls": false,
          "reasoning_effort": "low",
          "user": "user-42",
          "metadata": { "team": "search", "trace": "abc" },
          "store": false,
          "modalities": ["text"]
        }
        """;

    private static ChatCompletionRequest ParseRequest(string json) =>
        JsonSerializer.Deserialize(json, ModelMeshJson.ChatCompletionRequest)!;

    private static string RoundTripRequest(string json) =>
        JsonSerializer.Serialize(ParseRequest(json), ModelMeshJson.ChatCompletionRequest);

    private static void AssertSameJson(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = JsonDifference(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    /// <summary>Where two JSON values differ (object property order ignored), or null when they mean the same.</summary>
    private static string? JsonDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind}, found {actual.ValueKind}";
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = actual.EnumerateObject().ToList();
                foreach (var property in expectedProperties)
                {
                    if (!actual.TryGetProperty(property.Name, out var value))
                    {
                        return $"{path}.{property.Name}: missing";
                    }
                    if (JsonDifference(property.Value, value, $"{path}.{property.Name}") is { } d)
                    {
                        return d;
                    }
                }
                foreach (var property in actualProperties)
                {
                    if (!expected.TryGetProperty(property.Name, out _))
                    {
                        return $"{path}.{property.Name}: unexpected";
                    }
                }
                return expectedProperties.Count == actualProperties.Count ? null : $"{path}: duplicate properties";
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, found {actual.GetArrayLength()}";
                }
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (JsonDifference(expected[i], actual[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }
                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\", found \"{actual.GetString()}\"";
            case JsonValueKind.Number:
                var same = expected.TryGetDecimal(out var x) && actual.TryGetDecimal(out var y)
                    ? x == y
                    : expected.GetRawText() == actual.GetRawText();
                return same ? null : $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}";
            default:
                return null; // true, false, null: the kinds already match
        }
    }

    // ---- the comparison helper itself ----

    [Fact]
    public void Json_comparison_ignores_property_order() =>
        AssertSameJson("""{"a":1,"b":[1,{"c":"x","d":null}]}""", """{"b":[1,{"d":null,"c":"x"}],"a":1.0}""");

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""")]
    [InlineData("""[1,2]""", """[2,1]""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":true}""", """{"a":false}""")]
    public void Json_comparison_reports_differences(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.NotNull(JsonDifference(e.RootElement, a.RootElement, "$"));
    }

    // ---- ChatCompletionRequest ----

    [Fact]
    public void Request_with_every_modelled_field_round_trips_with_the_same_meaning() =>
        AssertSameJson(FullRequest, RoundTripRequest(FullRequest));

    [Fact]
    public void Request_with_every_modelled_field_keeps_nothing_in_additional_properties() =>
        Assert.Null(ParseRequest(FullRequest).AdditionalProperties);

    [Fact]
    public void Request_messages_of_all_five_roles_are_read()
    {
        var request = ParseRequest(FullRequest);
        Assert.Equal(["system", "developer", "user", "assistant", "tool"], request.Messages.Select(m => m.Role));
        Assert.Equal("dev", request.Messages[1].Name);
        Assert.Equal("call_1", request.Messages[4].ToolCallId);
        Assert.Equal("{\"temp\":21}", request.Messages[4].Content);
    }

    [Fact]
    public void Request_multi_part_content_is_read_as_parts()
    {
        var user = ParseRequest(FullRequest).Messages[2];
        Assert.Null(user.Content);
        var parts = user.ContentParts!;
        Assert.Equal(["text", "image_url", "input_audio"], parts.Select(p => p.Type));
        Assert.Equal("What is in this image and this clip?", parts[0].Text);
        Assert.Equal(("https://example.com/cat.png", "high"), (parts[1].ImageUrl!.Url, parts[1].ImageUrl!.Detail));
        Assert.Equal(("UklGRg==", "wav"), (parts[2].InputAudio!.Data, parts[2].InputAudio!.Format));
    }

    [Fact]
    public void Request_assistant_tool_calls_are_read()
    {
        var call = Assert.Single(ParseRequest(FullRequest).Messages[3].ToolCalls!);
        Assert.Equal(("call_1", "function", "get_weather", "{\"city\":\"Paris\"}"), (call.Id, call.Type, call.Function.Name, call.Function.Arguments));
    }

    [Fact]
    public void Request_scalar_fields_are_read()
    {
        var r = ParseRequest(FullRequest);
        Assert.Equal("chat-completion", r.Model);
        Assert.Equal(0.5, r.FrequencyPenalty);
        Assert.Equal(-0.25, r.PresencePenalty);
        Assert.True(r.Logprobs);
        Assert.Equal(3, r.TopLogprobs);
        Assert.Equal(256, r.MaxTokens);
        Assert.Equal(512, r.MaxCompletionTokens);
        Assert.Equal(2, r.N);
        Assert.Equal("default", r.ServiceTier);
        Assert.True(r.Stream);
        Assert.True(r.StreamOptions!.IncludeUsage);
        Assert.Equal(0.7, r.Temperature);
        Assert.Equal(0.95, r.TopP);
        Assert.False(r.ParallelToolCalls);
        Assert.Equal("low", r.ReasoningEffort);
        Assert.Equal("user-42", r.User);
        Assert.False(r.Store);
        Assert.Equal(["text"], r.Modalities!);
    }

    [Fact]
    public void Request_seed_above_two_to_the_53_is_read_exactly() =>
        Assert.Equal(9033012299842426000L, ParseRequest(FullRequest).Seed);

    [Fact]
    public void Request_seed_above_two_to_the_53_is_written_exactly() =>
        Assert.Contains("\"seed\":9033012299842426000", RoundTripRequest(FullRequest), StringComparison.Ordinal);

    [Fact]
    public void Request_dictionaries_are_read()
    {
        var r = ParseRequest(FullRequest);
        Assert.Equal(-100, r.LogitBias!["50256"]);
        Assert.Equal(5, r.LogitBias["1234"]);
        Assert.Equal("search", r.Metadata!["team"]);
        Assert.Equal("abc", r.Metadata["trace"]);
    }

    [Fact]
    public void Request_tools_are_read()
    {
        var tool = Assert.Single(ParseRequest(FullRequest).Tools!);
        Assert.Equal("function", tool.Type);
        Assert.Equal("get_weather", tool.Function!.Name);
        Assert.Equal("Current weather for a city", tool.Function.Description);
        Assert.False(tool.Function.Strict);
        Assert.Equal("object", tool.Function.Parameters!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public void Request_json_schema_response_format_is_read()
    {
        var format = ParseRequest(FullRequest).ResponseFormat!;
        Assert.Equal("json_schema", format.Type);
        Assert.Equal("weather", format.JsonSchema!.Name);
        Assert.Equal("A weather report", format.JsonSchema.Description);
        Assert.True(format.JsonSchema.Strict);
        Assert.False(format.JsonSchema.Schema!.Value.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Stop_as_a_string_is_read_as_one_sequence_and_written_as_a_string()
    {
        const string json = """{"model":"m","messages":[],"stop":"\n\n"}""";
        Assert.Equal(["\n\n"], ParseRequest(json).Stop!);
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Fact]
    public void Stop_as_an_array_is_read_and_written_as_an_array()
    {
        const string json = """{"model":"m","messages":[],"stop":["a","b","c"]}""";
        Assert.Equal(["a", "b", "c"], ParseRequest(json).Stop!);
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Fact]
    public void Stop_null_is_read_as_null() =>
        Assert.Null(ParseRequest("""{"model":"m","messages":[],"stop":null}""").Stop);

    [Theory]
    [InlineData("auto")]
    [InlineData("required")]
    [InlineData("none")]
    public void Tool_choice_mode_round_trips(string mode)
    {
        var json = $$"""{"model":"m","messages":[],"tool_choice":"{{mode}}"}""";
        var choice = ParseRequest(json).ToolChoice!;
        Assert.Equal(mode, choice.Mode);
        Assert.Null(choice.FunctionName);
        Assert.Null(choice.Raw);
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Fact]
    public void Tool_choice_known_modes_are_the_shared_instances()
    {
        Assert.Same(ToolChoice.Auto, ParseRequest("""{"tool_choice":"auto"}""").ToolChoice);
        Assert.Same(ToolChoice.Required, ParseRequest("""{"tool_choice":"required"}""").ToolChoice);
        Assert.Same(ToolChoice.None, ParseRequest("""{"tool_choice":"none"}""").ToolChoice);
    }

    [Fact]
    public void Tool_choice_unknown_mode_string_is_kept()
    {
        const string json = """{"model":"m","messages":[],"tool_choice":"any"}""";
        Assert.Equal("any", ParseRequest(json).ToolChoice!.Mode);
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Fact]
    public void Tool_choice_function_object_is_read_as_the_function_name_and_round_trips()
    {
        const string json = """{"model":"m","messages":[],"tool_choice":{"type":"function","function":{"name":"get_weather"}}}""";
        var choice = ParseRequest(json).ToolChoice!;
        Assert.Equal("get_weather", choice.FunctionName);
        Assert.Null(choice.Mode);
        Assert.Null(choice.Raw);
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Theory]
    [InlineData("""{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"a"}}]}}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"},"x_extra":1}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather","x_extra":true}}""")]
    [InlineData("""{"type":"tool","name":"get_weather"}""")]
    public void Tool_choice_object_of_another_shape_is_kept_verbatim(string choiceJson)
    {
        var json = $$"""{"model":"m","messages":[],"tool_choice":{{choiceJson}}}""";
        var choice = ParseRequest(json).ToolChoice!;
        Assert.Null(choice.Mode);
        Assert.Null(choice.FunctionName);
        Assert.NotNull(choice.Raw);
        AssertSameJson(choiceJson, choice.Raw!.Value.GetRawText());
        AssertSameJson(json, RoundTripRequest(json));
    }

    [Fact]
    public void Tool_choice_function_factory_writes_the_function_object()
    {
        var request = new ChatCompletionRequest { Model = "m", ToolChoice = ToolChoice.Function("f") };
        AssertSameJson(
            """{"model":"m","messages":[],"tool_choice":{"type":"function","function":{"name":"f"}}}""",
            JsonSerializer.Serialize(request, ModelMeshJson.ChatCompletionRequest));
    }

    // ---- unknown fields ----

    private const string RequestWithUnknownFields = """
        {
          "model": "m",
          "x_request": { "nested": [1, 2, {"deep": true}] },
          "messages": [
            {
              "role": "user",
              "x_message": "kept",
              "content": [
                { "type": "text", "text": "hi", "x_part": 7, "cache_control": { "type": "ephemeral" } },
                { "type": "file", "file": { "file_id": "file-1" } },
                { "type": "image_url", "image_url": { "url": "u", "x_image": null } }
              ]
            }
          ],
          "tools": [
            { "type": "function", "x_tool": [true], "function": { "name": "f", "x_function": "y" } }
          ],
          "stream_options": { "include_usage": false, "x_stream_options": 1 },
          "response_format": { "type": "json_object", "x_format": "z" }
        }
        """;

    [Fact]
    public void Unknown_fields_of_request_message_part_and_tool_survive_a_round_trip() =>
        AssertSameJson(RequestWithUnknownFields, RoundTripRequest(RequestWithUnknownFields));

    [Fact]
    public void Unknown_fields_are_kept_in_additional_properties_at_each_level()
    {
        var r = ParseRequest(RequestWithUnknownFields);
        Assert.Equal(JsonValueKind.Object, r.AdditionalProperties!["x_request"].ValueKind);
        Assert.Equal("kept", r.Messages[0].AdditionalProperties!["x_message"].GetString());
        Assert.Equal(7, r.Messages[0].ContentParts![0].AdditionalProperties!["x_part"].GetInt32());
        Assert.Equal("file-1", r.Messages[0].ContentParts![1].AdditionalProperties!["file"].GetProperty("file_id").GetString());
        Assert.Equal(JsonValueKind.Null, r.Messages[0].ContentParts![2].ImageUrl!.AdditionalProperties!["x_image"].ValueKind);
        Assert.True(r.Tools![0].AdditionalProperties!["x_tool"][0].GetBoolean());
        Assert.Equal("y", r.Tools[0].Function!.AdditionalProperties!["x_function"].GetString());
    }

    private const string ChunkWithUnknownFields = """
        {
          "id": "chatcmpl-1",
          "object": "chat.completion.chunk",
          "created": 1746237775,
          "model": "gpt-4o-mini",
          "system_fingerprint": "fp_1",
          "x_chunk": { "a": 1 },
          "choices": [
            {
              "index": 0,
              "x_choice": "c",
              "delta": {
                "role": "assistant",
                "content": "Hel",
                "x_delta": [1, 2],
                "tool_calls": [
                  { "index": 0, "id": "call_1", "type": "function", "x_tool_call": 1, "function": { "name": "f", "arguments": "{", "x_fn": 2 } }
                ]
              }
            }
          ],
          "usage": {
            "prompt_tokens": 10,
            "completion_tokens": 2,
            "total_tokens": 12,
            "x_usage": 0.5,
            "prompt_tokens_details": { "cached_tokens": 4, "x_ptd": 1 },
            "completion_tokens_details": { "reasoning_tokens": 1, "x_ctd": 2 }
          }
        }
        """;

    [Fact]
    public void Unknown_fields_of_chunk_choice_delta_and_usage_survive_a_round_trip()
    {
        var chunk = JsonSerializer.Deserialize(ChunkWithUnknownFields, ModelMeshJson.ChatCompletionChunk)!;
        AssertSameJson(ChunkWithUnknownFields, JsonSerializer.Serialize(chunk, ModelMeshJson.ChatCompletionChunk));
    }

    [Fact]
    public void Chunk_null_finish_reason_and_logprobs_are_read_as_null_and_not_written()
    {
        const string json = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null,"logprobs":null}]}""";
        var chunk = JsonSerializer.Deserialize(json, ModelMeshJson.ChatCompletionChunk)!;
        Assert.Null(chunk.Choices[0].FinishReason);
        Assert.Null(chunk.Choices[0].Logprobs);
        AssertSameJson(
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"x"}}]}""",
            JsonSerializer.Serialize(chunk, ModelMeshJson.ChatCompletionChunk));
    }

    [Fact]
    public void Unknown_fields_of_a_chunk_are_kept_in_additional_properties()
    {
        var chunk = JsonSerializer.Deserialize(ChunkWithUnknownFields, ModelMeshJson.ChatCompletionChunk)!;
        Assert.Equal(1, chunk.AdditionalProperties!["x_chunk"].GetProperty("a").GetInt32());
        Assert.Equal("c", chunk.Choices[0].AdditionalProperties!["x_choice"].GetString());
        Assert.Equal(2, chunk.Choices[0].Delta.AdditionalProperties!["x_delta"].GetArrayLength());
        Assert.Equal(0.5, chunk.Usage!.AdditionalProperties!["x_usage"].GetDouble());
        Assert.Equal(1, chunk.Usage.PromptTokensDetails!.AdditionalProperties!["x_ptd"].GetInt32());
        Assert.Equal(2, chunk.Usage.CompletionTokensDetails!.AdditionalProperties!["x_ctd"].GetInt32());
        var call = chunk.Choices[0].Delta.ToolCalls![0];
        Assert.Equal(1, call.AdditionalProperties!["x_tool_call"].GetInt32());
        Assert.Equal(2, call.Function!.AdditionalProperties!["x_fn"].GetInt32());
    }

    [Fact]
    public void Chunk_fields_are_read()
    {
        var chunk = JsonSerializer.Deserialize(ChunkWithUnknownFields, ModelMeshJson.ChatCompletionChunk)!;
        Assert.Equal(("chatcmpl-1", "chat.completion.chunk", 1746237775L, "gpt-4o-mini", "fp_1"), (chunk.Id, chunk.Object, chunk.Created, chunk.Model, chunk.SystemFingerprint));
        var choice = Assert.Single(chunk.Choices);
        Assert.Equal(("assistant", "Hel"), (choice.Delta.Role, choice.Delta.Content));
        Assert.Null(choice.FinishReason);
        Assert.Equal((0, "call_1", "f", "{"), (choice.Delta.ToolCalls![0].Index, choice.Delta.ToolCalls[0].Id, choice.Delta.ToolCalls[0].Function!.Name, choice.Delta.ToolCalls[0].Function!.Arguments));
        Assert.Equal((10, 2, 12, 4, 1), (chunk.Usage!.PromptTokens, chunk.Usage.CompletionTokens, chunk.Usage.TotalTokens, chunk.Usage.PromptTokensDetails!.CachedTokens, chunk.Usage.CompletionTokensDetails!.ReasoningTokens));
    }

    [Fact]
    public void Chat_completion_capture_round_trips_except_for_its_nulls()
    {
        var json = ModelMesh.Testing.ConformanceCaptures.ReadText("openai/chat-completion.json");
        var completion = JsonSerializer.Deserialize(json, ModelMeshJson.ChatCompletion)!;
        var written = JsonSerializer.Serialize(completion, ModelMeshJson.ChatCompletion);
        // The capture has "refusal": null and "logprobs": null, which are not written back.
        var withoutNulls = json.Replace("\"refusal\": null,", "", StringComparison.Ordinal).Replace("\"logprobs\": null,", "", StringComparison.Ordinal);
        Assert.Equal(json.Length - "\"refusal\": null,".Length - "\"logprobs\": null,".Length, withoutNulls.Length);
        AssertSameJson(withoutNulls, written);
    }

    [Fact]
    public void Chat_completion_capture_fields_are_read()
    {
        var completion = JsonSerializer.Deserialize(ModelMesh.Testing.ConformanceCaptures.ReadBytes("openai/chat-completion.json"), ModelMeshJson.ChatCompletion)!;
        Assert.Equal("chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU", completion.Id);
        Assert.Equal(1770950813L, completion.Created);
        Assert.Equal("Hello! How can I assist you today?", completion.Choices[0].Message.Text);
        Assert.Equal("stop", completion.Choices[0].FinishReason);
        Assert.Equal(JsonValueKind.Array, completion.Choices[0].Message.AdditionalProperties!["annotations"].ValueKind);
        Assert.Equal((11, 9, 20), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal(0, completion.Usage.CompletionTokensDetails!.RejectedPredictionTokens);
        Assert.Equal(("default", "Sanitized"), (completion.ServiceTier, completion.SystemFingerprint));
    }

    // ---- ChatMessage ----

    [Fact]
    public void Message_text_joins_the_text_parts_and_skips_the_others()
    {
        var message = ChatMessage.User([
            ChatContentPart.FromText("Hello, "),
            ChatContentPart.FromImageUrl("https://example.com/a.png"),
            ChatContentPart.FromText("world"),
            ChatContentPart.FromInputAudio("AAAA", "mp3"),
        ]);
        Assert.Equal("Hello, world", message.Text);
    }

    [Fact]
    public void Message_text_is_the_string_content() =>
        Assert.Equal("plain", ChatMessage.Assistant("plain").Text);

    [Fact]
    public void Message_text_is_empty_without_content() =>
        Assert.Equal(string.Empty, ChatMessage.Assistant(null).Text);

    [Fact]
    public void Message_text_joins_parts_read_from_json()
    {
        var r = ParseRequest("""{"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}""");
        Assert.Equal("ab", r.Messages[0].Text);
    }

    [Fact]
    public void Setting_content_parts_clears_the_string_content()
    {
        var message = ChatMessage.User("text");
        message.ContentParts = [ChatContentPart.FromText("part")];
        Assert.Null(message.Content);
        Assert.Equal("part", message.Text);
    }

    [Fact]
    public void System_factory_sets_role_and_content() =>
        Assert.Equal(("system", "s"), (ChatMessage.System("s").Role, ChatMessage.System("s").Content));

    [Fact]
    public void Developer_factory_sets_role_and_content() =>
        Assert.Equal(("developer", "d"), (ChatMessage.Developer("d").Role, ChatMessage.Developer("d").Content));

    [Fact]
    public void User_factory_sets_role_and_content() =>
        Assert.Equal(("user", "u"), (ChatMessage.User("u").Role, ChatMessage.User("u").Content));

    [Fact]
    public void User_factory_with_parts_sets_role_and_parts()
    {
        var message = ChatMessage.User([ChatContentPart.FromText("x")]);
        Assert.Equal("user", message.Role);
        Assert.Null(message.Content);
        Assert.Equal("x", Assert.Single(message.ContentParts!).Text);
    }

    [Fact]
    public void Assistant_factory_sets_role_content_and_tool_calls()
    {
        var calls = new[] { new ChatToolCall { Id = "c1", Function = new FunctionCall { Name = "f", Arguments = "{}" } } };
        var message = ChatMessage.Assistant("a", calls);
        Assert.Equal(("assistant", "a"), (message.Role, message.Content));
        Assert.Same(calls, message.ToolCalls);
    }

    [Fact]
    public void Tool_factory_sets_role_call_id_and_content()
    {
        var message = ChatMessage.Tool("call_9", "result");
        Assert.Equal(("tool", "call_9", "result"), (message.Role, message.ToolCallId, message.Content));
    }

    [Fact]
    public void Content_part_factories_set_their_types()
    {
        Assert.Equal("text", ChatContentPart.FromText("t").Type);
        var image = ChatContentPart.FromImageUrl("u", "low");
        Assert.Equal(("image_url", "u", "low"), (image.Type, image.ImageUrl!.Url, image.ImageUrl.Detail));
        var audio = ChatContentPart.FromInputAudio("d", "wav");
        Assert.Equal(("input_audio", "d", "wav"), (audio.Type, audio.InputAudio!.Data, audio.InputAudio.Format));
    }

    // ---- ChatCompletion, Usage ----

    [Fact]
    public void FromText_builds_one_assistant_choice_that_stopped()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var usage = new Usage(3, 4);
        var completion = ChatCompletion.FromText("id-1", "model-1", "hello", usage);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(("id-1", "model-1", "chat.completion"), (completion.Id, completion.Model, completion.Object));
        Assert.InRange(completion.Created, before, after);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(0, choice.Index);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.Equal("hello", choice.Message.Content);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Same(usage, completion.Usage);
    }

    [Fact]
    public void FromText_without_usage_writes_no_usage_field()
    {
        var json = JsonSerializer.Serialize(ChatCompletion.FromText("i", "m", "t"), ModelMeshJson.ChatCompletion);
        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.TryGetProperty("usage", out _));
        Assert.Equal("t", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void Usage_from_prompt_and_completion_tokens_totals_them()
    {
        var usage = new Usage(12, 30);
        Assert.Equal((12, 30, 42), (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens));
    }

    [Fact]
    public void Usage_cost_is_read_exactly_as_decimal()
    {
        const string json = """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"cost":0.00000495}}""";
        var completion = JsonSerializer.Deserialize(json, ModelMeshJson.ChatCompletion)!;
        Assert.Equal(0.00000495m, completion.Usage!.Cost);
        Assert.Contains("\"cost\":0.00000495", JsonSerializer.Serialize(completion, ModelMeshJson.ChatCompletion), StringComparison.Ordinal);
    }

    // ---- null handling ----

    [Fact]
    public void Null_fields_are_omitted_on_write_of_a_request()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("hi")] };
        Assert.Equal("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", JsonSerializer.Serialize(request, ModelMeshJson.ChatCompletionRequest));
    }

    [Fact]
    public void Null_content_of_a_message_is_omitted_on_write()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.Assistant(null)] };
        AssertSameJson("""{"model":"m","messages":[{"role":"assistant"}]}""", JsonSerializer.Serialize(request, ModelMeshJson.ChatCompletionRequest));
    }

    [Fact]
    public void Null_fields_are_omitted_on_write_of_a_completion()
    {
        var completion = new ChatCompletion { Id = "i", Model = "m", Created = 5 };
        Assert.Equal("""{"id":"i","object":"chat.completion","created":5,"model":"m","choices":[]}""", JsonSerializer.Serialize(completion, ModelMeshJson.ChatCompletion));
    }

    [Fact]
    public void Content_null_is_read_as_no_content()
    {
        var r = ParseRequest("""{"messages":[{"role":"assistant","content":null,"tool_calls":[]}]}""");
        Assert.Null(r.Messages[0].Content);
        Assert.Null(r.Messages[0].ContentParts);
        Assert.Equal(string.Empty, r.Messages[0].Text);
    }

    // ---- embeddings ----

    private static EmbeddingRequest ParseEmbeddingRequest(string json) =>
        JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingRequest)!;

    [Theory]
    [InlineData("""{"model":"e","input":"hello"}""")]
    [InlineData("""{"model":"e","input":["a","b"]}""")]
    [InlineData("""{"model":"e","input":["only"]}""")]
    [InlineData("""{"model":"e","input":[1,2,3]}""")]
    [InlineData("""{"model":"e","input":[[1,2],[3]]}""")]
    [InlineData("""{"model":"e","input":[[4,5]]}""")]
    [InlineData("""{"model":"e","input":"x","encoding_format":"base64","dimensions":256,"user":"u","x_extra":{"k":[1]}}""")]
    public void Embedding_request_input_round_trips_in_the_same_form(string json) =>
        AssertSameJson(json, JsonSerializer.Serialize(ParseEmbeddingRequest(json), ModelMeshJson.EmbeddingRequest));

    [Fact]
    public void Embedding_input_string_is_a_single_text()
    {
        var input = ParseEmbeddingRequest("""{"input":"hello"}""").Input;
        Assert.True(input.IsSingle);
        Assert.Equal(["hello"], input.Texts!);
        Assert.Null(input.Tokens);
        Assert.Equal(1, input.Count);
    }

    [Fact]
    public void Embedding_input_string_array_is_a_list_of_texts()
    {
        var input = ParseEmbeddingRequest("""{"input":["a","b"]}""").Input;
        Assert.False(input.IsSingle);
        Assert.Equal(["a", "b"], input.Texts!);
        Assert.Equal(2, input.Count);
    }

    [Fact]
    public void Embedding_input_integer_array_is_one_token_array()
    {
        var input = ParseEmbeddingRequest("""{"input":[1,2,3]}""").Input;
        Assert.True(input.IsSingle);
        Assert.Null(input.Texts);
        Assert.Equal([1, 2, 3], Assert.Single(input.Tokens!));
    }

    [Fact]
    public void Embedding_input_array_of_integer_arrays_is_several_token_arrays()
    {
        var input = ParseEmbeddingRequest("""{"input":[[1,2],[3]]}""").Input;
        Assert.False(input.IsSingle);
        Assert.Equal(2, input.Count);
        Assert.Equal([1, 2], input.Tokens![0]);
        Assert.Equal([3], input.Tokens[1]);
    }

    [Fact]
    public void Embedding_input_implicit_conversions_keep_the_form()
    {
        EmbeddingInput one = "t";
        EmbeddingInput many = new[] { "t" };
        Assert.True(one.IsSingle);
        Assert.False(many.IsSingle);
        Assert.Equal("""{"model":"","input":"t"}""", JsonSerializer.Serialize(new EmbeddingRequest { Input = one }, ModelMeshJson.EmbeddingRequest));
        Assert.Equal("""{"model":"","input":["t"]}""", JsonSerializer.Serialize(new EmbeddingRequest { Input = many }, ModelMeshJson.EmbeddingRequest));
    }

    [Fact]
    public void Embedding_vector_encodes_little_endian_float32_as_base64() =>
        Assert.Equal("AACAPwAAwL8AAIA+", new EmbeddingVector([1.0f, -1.5f, 0.25f], EmbeddingEncoding.Float).ToBase64());

    [Fact]
    public void Embedding_vector_decodes_little_endian_float32_base64()
    {
        var vector = EmbeddingVector.FromBase64("AACAPwAAAEA=");
        Assert.Equal([1.0f, 2.0f], vector.Values);
        Assert.Equal(EmbeddingEncoding.Base64, vector.Encoding);
    }

    [Fact]
    public void Embedding_vector_base64_round_trips_exact_bits()
    {
        float[] values = [0.1f, -3.4028235E+38f, float.Epsilon, 123.456f, -0.0f];
        var decoded = EmbeddingVector.FromBase64(new EmbeddingVector(values, EmbeddingEncoding.Float).ToBase64()).Values;
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), decoded.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Embedding_vector_base64_of_a_length_not_a_multiple_of_four_throws()
    {
        var e = Assert.Throws<FormatException>(() => EmbeddingVector.FromBase64("AAAA")); // three bytes
        Assert.Equal("A base64 embedding must decode to a multiple of 4 bytes; got 3.", e.Message);
    }

    [Fact]
    public void Embedding_response_base64_vector_is_decoded_and_written_back_as_base64()
    {
        const string json = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],"model":"e","usage":{"prompt_tokens":2,"total_tokens":2}}""";
        var response = JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingResponse)!;
        Assert.Equal([1.0f, 2.0f], response.Data[0].Vector.Values);
        AssertSameJson(json, JsonSerializer.Serialize(response, ModelMeshJson.EmbeddingResponse));
    }

    [Fact]
    public void Embedding_response_float_vector_is_read_and_written_back_as_an_array()
    {
        const string json = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25,1]}],"model":"e"}""";
        var response = JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingResponse)!;
        Assert.Equal([0.5f, -0.25f, 1f], response.Data[0].Vector.Values);
        Assert.Equal(EmbeddingEncoding.Float, response.Data[0].Vector.Encoding);
        AssertSameJson(json, JsonSerializer.Serialize(response, ModelMeshJson.EmbeddingResponse));
    }

    [Fact]
    public void Embedding_vector_with_another_encoding_writes_base64()
    {
        var response = new EmbeddingResponse
        {
            Model = "e",
            Data = [new Embedding { Vector = new EmbeddingVector([1.0f, 2.0f], EmbeddingEncoding.Float).WithEncoding(EmbeddingEncoding.Base64) }],
        };
        AssertSameJson(
            """{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],"model":"e"}""",
            JsonSerializer.Serialize(response, ModelMeshJson.EmbeddingResponse));
    }

    [Fact]
    public void Embedding_base64_capture_decodes_and_round_trips_exactly()
    {
        var json = ModelMesh.Testing.ConformanceCaptures.ReadText("openai/embeddings-base64.json");
        var response = JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingResponse)!;
        Assert.Equal(3, response.Data.Count);
        Assert.All(response.Data, d => Assert.Equal((456, EmbeddingEncoding.Base64), (d.Vector.Values.Length, d.Vector.Encoding)));
        Assert.Equal(-0.029734965413808823f, response.Data[0].Vector.Values[0]);
        Assert.Equal((12, 12), (response.Usage!.PromptTokens, response.Usage.TotalTokens));
        AssertSameJson(json, JsonSerializer.Serialize(response, ModelMeshJson.EmbeddingResponse));
    }

    [Fact]
    public void Embedding_float_capture_is_read_as_float_vectors()
    {
        var response = JsonSerializer.Deserialize(ModelMesh.Testing.ConformanceCaptures.ReadBytes("openai/embeddings-float.json"), ModelMeshJson.EmbeddingResponse)!;
        Assert.Equal(2, response.Data.Count);
        Assert.Equal(EmbeddingEncoding.Float, response.Data[0].Vector.Encoding);
        Assert.Equal([0.0057293195f, -0.012727811f, 0.020042092f, -0.013437585f, 0.022833068f], response.Data[0].Vector.Values);
        Assert.Equal("text-embedding-3-small", response.Model);
    }

    // ---- errors and models ----

    [Fact]
    public void Error_detail_code_reads_a_numeric_code_as_text()
    {
        var error = JsonSerializer.Deserialize("""{"error":{"message":"m","code":429}}""", ModelMeshJson.ErrorResponse)!;
        Assert.Equal("429", error.Error.Code);
        Assert.Equal("m", error.Error.Message);
    }

    [Fact]
    public void Error_detail_code_reads_a_string_code()
    {
        var error = JsonSerializer.Deserialize(ModelMesh.Testing.ConformanceCaptures.ReadBytes("openai/error-400.json"), ModelMeshJson.ErrorResponse)!;
        Assert.Equal("invalid_function_parameters", error.Error.Code);
        Assert.Equal("invalid_request_error", error.Error.Type);
        Assert.Equal("tools[0].function.parameters", error.Error.Param);
    }

    [Fact]
    public void Error_detail_numeric_code_is_written_as_a_string()
    {
        var error = JsonSerializer.Deserialize("""{"error":{"message":"m","code":500}}""", ModelMeshJson.ErrorResponse)!;
        AssertSameJson("""{"error":{"message":"m","code":"500"}}""", JsonSerializer.Serialize(error, ModelMeshJson.ErrorResponse));
    }

    [Fact]
    public void Model_list_capture_is_read()
    {
        var list = JsonSerializer.Deserialize(ModelMesh.Testing.ConformanceCaptures.ReadBytes("openai/models-list.json"), ModelMeshJson.ModelList)!;
        Assert.Equal("list", list.Object);
        Assert.Equal(96, list.Data.Count);
        var first = list.Data[0];
        Assert.Equal(("gpt-4-0613", "model", 1686588896L, "openai"), (first.Id, first.Object, first.Created, first.OwnedBy));
    }

    [Fact]
    public void Model_list_round_trips_with_unknown_fields()
    {
        const string json = """{"object":"list","data":[{"id":"m1","object":"model","created":1686935002,"owned_by":"openai","x_m":1}],"x_list":true}""";
        AssertSameJson(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, ModelMeshJson.ModelList)!, ModelMeshJson.ModelList));
    }

    // ---- malformed input ----

    [Theory]
    [InlineData("""{"stop":5}""", "'stop' must be a string or an array of strings; found Number.")]
    [InlineData("""{"stop":["a",1]}""", "'stop' must be a string or an array of strings; found Number in the array.")]
    [InlineData("""{"messages":[{"role":"user","content":5}]}""", "Message 'content' must be a string, an array of content parts or null; found Number.")]
    [InlineData("""{"messages":[{"role":"user","content":[null]}]}""", "A message content part must be an object, not null.")]
    [InlineData("""{"tool_choice":5}""", "'tool_choice' must be a string or an object; found Number.")]
    [InlineData("""{"tool_choice":[]}""", "'tool_choice' must be a string or an object; found StartArray.")]
    public void Malformed_request_field_throws_a_json_exception_saying_what_was_expected(string json, string expected)
    {
        var e = Assert.Throws<JsonException>(() => ParseRequest(json));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":5}""", "'input' must be a string, an array of strings, an array of token integers or an array of token arrays; found Number.")]
    [InlineData("""{"input":["a",1]}""", "'input' must be a string, an array of strings, an array of token integers or an array of token arrays; found a mixed array or Number.")]
    [InlineData("""{"input":[[1,"a"]]}""", "'input' must be a string, an array of strings, an array of token integers or an array of token arrays; a token array holds String.")]
    public void Malformed_embedding_input_throws_a_json_exception_saying_what_was_expected(string json, string expected)
    {
        var e = Assert.Throws<JsonException>(() => ParseEmbeddingRequest(json));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "'embedding' must be an array of numbers or a base64 string; found True.")]
    [InlineData("[1,\"x\"]", "'embedding' array must hold numbers; found String.")]
    [InlineData("\"AAAA\"", "'embedding' is not valid base64 float32 data: A base64 embedding must decode to a multiple of 4 bytes; got 3.")]
    public void Malformed_embedding_vector_throws_a_json_exception_saying_what_was_expected(string vector, string expected)
    {
        var json = $$"""{"data":[{"embedding":{{vector}}}]}""";
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ModelMeshJson.EmbeddingResponse));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_code_of_another_kind_throws_a_json_exception_saying_what_was_expected()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"error":{"message":"m","code":true}}""", ModelMeshJson.ErrorResponse));
        Assert.StartsWith("Expected a string or a number; found True.", e.Message, StringComparison.Ordinal);
    }
}
