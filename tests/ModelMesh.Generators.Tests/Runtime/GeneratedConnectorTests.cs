using System.Text;
using System.Text.Json;
using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Generators.Tests.Connectors;
using ModelMesh.Testing;

namespace ModelMesh.Generators.Tests.Runtime;

/// <summary>The generated connectors of Connectors/ run against a real loopback upstream.</summary>
public sealed class GeneratedConnectorTests
{
    private static ChatCompletionRequest Ask(string model, string text = "Hello", int? maxTokens = null) => new()
    {
        Model = model,
        Messages = [ChatMessage.User(text)],
        MaxTokens = maxTokens,
    };

    private static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    [Fact]
    public async Task Design_example_translates_the_request_and_parses_the_response()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"id":"r-1","model_name":"acme-large","result":"Hi there","usage":{"in":3,"out":2},"extra":[1,{"a":null}]}""");
        using var provider = new AcmeProvider(new ProviderOptions("acme", upstream.BaseUrl) { ApiKey = "k-123" });

        var completion = await provider.CompleteAsync(Ask("acme-large", "What is an API?", 77));

        Assert.Equal("Hi there", completion.Choices[0].Message.Text);
        Assert.Equal("acme-large", completion.Model);
        Assert.Equal(3, completion.Usage!.PromptTokens);
        Assert.Equal(2, completion.Usage.CompletionTokens);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/api/predict", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer k-123", sent.Header("Authorization"));
        var body = Body(sent);
        Assert.Equal("acme-large", body.GetProperty("model_name").GetString());
        Assert.Equal("What is an API?", body.GetProperty("prompt").GetString());
        Assert.Equal(77, body.GetProperty("params").GetProperty("max_length").GetInt32());
        Assert.Equal(3, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task A_missing_required_property_fails_as_a_provider_error_naming_it()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"id":"r-1","model_name":"acme-large","usage":{"in":3,"out":2}}""");
        using var provider = new AcmeProvider(new ProviderOptions("acme", upstream.BaseUrl));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(Ask("acme-large")));

        var inner = Assert.IsType<JsonException>(error.InnerException);
        Assert.Contains("\"result\"", inner.Message, StringComparison.Ordinal);
        Assert.Contains("AcmeResponse", inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_puts_id_defaults_and_catalogue_in_the_registry()
    {
        var connector = ConnectorRegistry.Get("acme.predict.v1");
        Assert.Equal("acme", connector.Vendor);
        Assert.Equal(new Uri("https://ml.internal.acme.com"), connector.DefaultBaseUrl);
        Assert.True(connector.RequiresApiKey);
        Assert.Equal("ACME_API_KEY", connector.ApiKeyEnv);
        var model = Assert.Single(connector.Catalogue);
        Assert.Equal("acme.acme-large", model.Id);
        Assert.Equal("acme-large", model.WireModel);
        Assert.Equal(["generation.text-generation.chat-completion"], model.Capabilities);
        Assert.Equal(32_000, model.ContextWindow);
        Assert.Equal(4_096, model.MaxOutputTokens);
        Assert.Equal(0.0010m, model.Pricing!.InputPer1K);
        Assert.Equal(0.0020m, model.Pricing.OutputPer1K);
        Assert.Equal(ModelFeatures.Tools, model.Features);
        Assert.Equal("acme.predict.v1", AcmeProvider.ConnectorId);
        using var provider = connector.Create(new ProviderOptions("acme", "http://127.0.0.1:9"), null);
        Assert.IsType<AcmeProvider>(provider);

        var zero = ConnectorRegistry.Get("zero.compat.v1");
        Assert.False(zero.RequiresApiKey);
        Assert.Equal(["zero.zero-small", "zero.zero-embed"], zero.Catalogue.Select(m => m.Id));
        Assert.Equal(["generation.text-generation.chat-completion"], zero.Catalogue[0].Capabilities);
        Assert.Null(zero.Catalogue[0].Pricing);
        Assert.Equal(ModelFeatures.Streaming | ModelFeatures.SystemPrompt, zero.Catalogue[0].Features);
        Assert.Null(zero.Catalogue[1].Features);
    }

    [Fact]
    public void Setting_keys_of_the_attribute_are_in_the_registration()
    {
        Assert.Equal(["keep_alive", "region"], ConnectorRegistry.Get("passthrough.api.v1").SettingKeys);
        Assert.Empty(ConnectorRegistry.Get("acme.predict.v1").SettingKeys);
    }

    [Fact]
    public async Task Extension_data_is_written_as_properties_and_unknown_properties_are_read_into_it()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"text":"hi","done":true,"stats":{"n":[1,2]}}""");
        using var provider = new PassThroughProvider(new ProviderOptions("pt", upstream.BaseUrl)
        {
            Settings = ConnectorSettings.Parse("keep_alive: 10m"),
        });
        var request = Ask("pt-1");
        request.Temperature = 0.5;
        request.AdditionalProperties = new()
        {
            ["num_ctx"] = JsonDocument.Parse("8192").RootElement,
            ["mirostat"] = JsonDocument.Parse("{\"tau\":5}").RootElement,
        };

        var completion = await provider.CompleteAsync(request);

        Assert.Equal("""hi|done=true,stats={"n":[1,2]}""", completion.Choices[0].Message.Text);
        var sent = Body(Assert.Single(upstream.Requests));
        Assert.Equal("10m", sent.GetProperty("keep_alive").GetString());
        Assert.Equal("""{"temperature":0.5,"num_ctx":8192,"mirostat":{"tau":5}}""", sent.GetProperty("options").GetRawText());
    }

    [Fact]
    public void Extension_data_matches_System_Text_Json_both_ways()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        var value = new PassThroughOptions { Temperature = 1.5, Extra = new() { ["a"] = JsonDocument.Parse("[true,null]").RootElement, ["b"] = JsonDocument.Parse("\"x\"").RootElement } };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PassThroughProvider.WireJson.Write(writer, value);
        }
        Assert.Equal(JsonSerializer.Serialize(value, options), Encoding.UTF8.GetString(buffer.WrittenSpan));
        var json = """{"text":"t","x":1,"y":{"z":[]}}"""u8.ToArray();
        var expected = JsonSerializer.Deserialize<PassThroughResponse>(json, options)!;
        var actual = PassThroughProvider.WireJson.ReadPassThroughResponse(json);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Rest!.Select(p => p.Key + "=" + p.Value.GetRawText()), actual.Rest!.Select(p => p.Key + "=" + p.Value.GetRawText()));
    }

    [Fact]
    public async Task A_config_file_resolves_the_generated_connector_by_id()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"id":"r-9","model_name":"acme-large","result":"from config","usage":{"in":1,"out":1}}""");
        var path = Path.Combine(Path.GetTempPath(), "mm-gen-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, $$"""
            providers:
              acme:
                connector: acme.predict.v1
                config: { api_key: "k", base_url: "{{upstream.BaseUrl}}" }
            models:
              acme.acme-large:
                provider: acme
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false });
            var completion = await mesh.Chat.Completions.CreateAsync(Ask("chat"));
            Assert.Equal("from config", completion.Choices[0].Message.Text);
            Assert.Equal("/api/predict", Assert.Single(upstream.Requests).Uri.AbsolutePath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Zero_code_connector_keeps_every_openai_default()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"zero-small\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"zero-small\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n");
        using var provider = new ZeroProvider(new ProviderOptions("zero", upstream.BaseUrl));

        var text = new StringBuilder();
        await foreach (var chunk in provider.StreamAsync(Ask("zero-small")))
        {
            text.Append(chunk.Choices.FirstOrDefault()?.Delta.Content);
        }

        Assert.Equal("Hello", text.ToString());
        Assert.Equal("/v1/chat/completions", Assert.Single(upstream.Requests).Uri.AbsolutePath);
        Assert.Equal("zero.compat.v1", ZeroProvider.ConnectorId);
    }

    [Fact]
    public async Task Sse_data_events_are_read_as_the_wire_record_until_done()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse("data: {\"id\":\"s1\",\"model_name\":\"acme-large\",\"delta\":\"An API \"}\n\n"
            + ": keep-alive\n\n"
            + "data: {\"id\":\"s1\",\"model_name\":\"acme-large\",\"delta\":\"is a contract.\"}\n\n"
            + "data: {\"id\":\"s1\",\"model_name\":\"acme-large\",\"final\":true,\"usage\":{\"in\":4,\"out\":5}}\n\n"
            + "data: [DONE]\n\n");
        using var provider = new AcmeStreamProvider(new ProviderOptions("acme", upstream.BaseUrl));

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(Ask("acme-large")))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("An API is a contract.", string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
        Assert.Equal(FinishReason.Stop, chunks[^1].Choices[0].FinishReason);
        Assert.Equal(5, chunks[^1].Usage!.CompletionTokens);
        Assert.Equal("/api/predict/stream", Assert.Single(upstream.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Named_sse_events_dispatch_to_their_hooks_and_the_end_event_ends_the_stream()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","model":"claude-like","content":[],"usage":{"input_tokens":9}}}

            event: ping
            data: {"type":"ping"}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}


            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var provider = new MessagesProvider(new ProviderOptions("messages", upstream.BaseUrl) { ApiKey = "sk-ant" });

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(Ask("claude-like", maxTokens: 50)))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("Hello world", string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
        Assert.Equal(FinishReason.Stop, chunks[^1].Choices[0].FinishReason);
        Assert.Equal(4, chunks.Count);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("sk-ant", sent.Header("x-api-key"));
        Assert.Null(sent.Header("Authorization"));
        var body = Body(sent);
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("user", body.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Stream_state_carries_the_start_events_id_and_numbers_tool_calls_per_stream_not_per_provider()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        static string Stream(string id) =>
            "event: start\ndata: {\"id\":\"" + id + "\",\"model\":\"s-1\"}\n\n"
            + "event: block\ndata: {\"index\":0,\"kind\":\"text\"}\n\n"
            + "event: delta\ndata: {\"index\":0,\"text\":\"Hi\"}\n\n"
            + "event: block\ndata: {\"index\":1,\"kind\":\"tool\",\"name\":\"lookup\"}\n\n"
            + "event: delta\ndata: {\"index\":1,\"text\":\"{}\"}\n\n"
            + "event: finish\ndata: {\"reason\":\"tool_calls\"}\n\n"
            + "event: stop\ndata: {}\n\n";
        upstream.EnqueueSse(Stream("first")).EnqueueSse(Stream("second"));
        using var provider = new StatefulStreamProvider(new ProviderOptions("stateful", upstream.BaseUrl));

        foreach (var id in new[] { "first", "second" })
        {
            var chunks = new List<ChatCompletionChunk>();
            await foreach (var chunk in provider.StreamAsync(Ask("s-1")))
            {
                chunks.Add(chunk);
            }

            Assert.Equal(4, chunks.Count);
            Assert.All(chunks.Take(3), c => Assert.Equal(id, c.Id));
            Assert.Equal("Hi", chunks[0].Choices[0].Delta.Content);
            var call = Assert.Single(chunks[1].Choices[0].Delta.ToolCalls!);
            Assert.Equal((0, "lookup"), (call.Index, call.Function!.Name)); // block 1 is tool call 0, in each stream
            Assert.Equal(0, chunks[2].Choices[0].Delta.ToolCalls![0].Index);
            Assert.Equal("{}", chunks[2].Choices[0].Delta.ToolCalls![0].Function!.Arguments);
            Assert.Equal(FinishReason.ToolCalls, chunks[3].Choices[0].FinishReason);
        }
    }

    [Fact]
    public async Task A_named_error_event_ends_the_stream_with_the_hooks_exception_classified()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Par\"}}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        using var provider = new MessagesProvider(new ProviderOptions("messages", upstream.BaseUrl) { ApiKey = "sk-ant" });

        var text = new StringBuilder();
        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in provider.StreamAsync(Ask("claude-like")))
            {
                text.Append(chunk.Choices[0].Delta.Content);
            }
        });

        Assert.Equal("Par", text.ToString());
        Assert.Contains("overloaded_error", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_lines_are_parsed_and_the_done_line_completes_the_stream()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(Encoding.UTF8.GetBytes(
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\" you\"},\"done\":false}\n"
            + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":2}"),
            "application/x-ndjson");
        using var provider = new OllamaNativeProvider(new ProviderOptions("ollama", upstream.BaseUrl));

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(new ChatCompletionRequest { Model = "llama3.2", Messages = [ChatMessage.User("Hi")], Temperature = 0.5 }))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("Hi you", string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
        Assert.Equal(FinishReason.Stop, chunks[^1].Choices[0].FinishReason);
        Assert.Equal(7, chunks[^1].Usage!.PromptTokens);
        var body = Body(Assert.Single(upstream.Requests));
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal(0.5, body.GetProperty("options").GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task An_ndjson_stream_ends_at_its_done_line_even_if_the_connection_stays_open()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await LoopbackUpstream.WriteAndFlushAsync(context,
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"
                + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n");
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); // a keep-alive that never closes the body
        });
        using var provider = new OllamaNativeProvider(new ProviderOptions("ollama", upstream.BaseUrl) { StreamIdleTimeout = TimeSpan.FromSeconds(20) });

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(new ChatCompletionRequest { Model = "llama3.2", Messages = [ChatMessage.User("Hi")] }))
        {
            chunks.Add(chunk);
        }

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"took {timer.Elapsed}");
        Assert.Equal(FinishReason.Stop, chunks[^1].Choices[0].FinishReason);
    }

    [Fact]
    public async Task An_ndjson_stream_cut_before_its_done_line_is_an_error()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(Encoding.UTF8.GetBytes("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"), "application/x-ndjson");
        using var provider = new OllamaNativeProvider(new ProviderOptions("ollama", upstream.BaseUrl));

        await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in provider.StreamAsync(Ask("llama3.2")))
            {
                Assert.NotNull(chunk);
            }
        });
    }

    [Fact]
    public async Task An_in_band_error_is_classified_from_the_wire_error_record()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"error":{"code":"rate_limited","message":"slow down"}}""");
        upstream.EnqueueJson("""{"error":{"code":"invalid_input","message":"bad prompt"}}""");
        upstream.EnqueueJson("""{"request_id":"q1","model_name":"ml-large","output":"fine","tokens":{"input":1,"output":2}}""");
        using var provider = new InternalMlProvider(new ProviderOptions("ml", upstream.BaseUrl));

        var limited = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(Ask("ml-large")));
        Assert.Equal(ProviderErrorCategory.RateLimit, limited.Category);
        Assert.True(limited.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(10), limited.RetryAfter);
        var invalid = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(Ask("ml-large")));
        Assert.Equal(ProviderErrorCategory.Client, invalid.Category);
        Assert.False(invalid.IsRetryable);
        var ok = await provider.CompleteAsync(Ask("ml-large"));
        Assert.Equal("fine", ok.Choices[0].Message.Text);
        Assert.Equal("/v2/generate", upstream.Requests[0].Uri.AbsolutePath);
        Assert.Equal("ml-large", Body(upstream.Requests[0]).GetProperty("model_name").GetString());
    }

    [Fact]
    public async Task An_http_error_without_the_wire_shape_falls_back_to_the_default_classifier()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"message":"unavailable"}""", status: 503);
        using var provider = new InternalMlProvider(new ProviderOptions("ml", upstream.BaseUrl));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(Ask("ml-large")));

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.Equal(503, error.StatusCode);
    }
}
