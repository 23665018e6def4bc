using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Ollama;

namespace ModelMesh.Core.Tests.Providers.Ollama;

/// <summary>What <c>POST /api/chat</c> receives, field by field.</summary>
public sealed class OllamaChatRequestTests
{
    private const string Answer = """{"model":"llama3.2","created_at":"2025-07-07T20:22:19Z","message":{"role":"assistant","content":"ok"},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":1}""";

    [Fact]
    public async Task Sampling_fields_go_under_options_with_Ollama_names_and_unknown_fields_pass_through()
    {
        await using var f = await OllamaFixture.StartAsync("keep_alive: 10m");
        f.Upstream.EnqueueJson(Answer);
        var request = OllamaFixture.Ask();
        request.Temperature = 0.2;
        request.TopP = 0.9;
        request.Seed = 42;
        request.Stop = ["END", "STOP"];
        request.MaxTokens = 64;
        request.FrequencyPenalty = 0.5;
        request.PresencePenalty = -0.5;
        request.AdditionalProperties = new()
        {
            ["num_ctx"] = Json("8192"),
            ["top_k"] = Json("40"),
            ["options"] = Json("""{"repeat_penalty":1.1}"""),
        };

        await f.Provider.CompleteAsync(request);

        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("/api/chat", sent.Uri.AbsolutePath);
        Assert.Null(sent.Header("Authorization"));
        var body = OllamaFixture.Sent(sent);
        Assert.Equal(["model", "messages", "options", "stream", "keep_alive"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("llama3.2", body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("stream").GetBoolean()); // Ollama streams unless told not to
        Assert.Equal("10m", body.GetProperty("keep_alive").GetString());
        Assert.Equal("""[{"role":"user","content":"Hello"}]""", body.GetProperty("messages").GetRawText());
        Assert.Equal(
            """{"temperature":0.2,"top_p":0.9,"seed":42,"stop":["END","STOP"],"num_predict":64,"frequency_penalty":0.5,"presence_penalty":-0.5,"num_ctx":8192,"top_k":40,"repeat_penalty":1.1}""",
            body.GetProperty("options").GetRawText());
    }

    [Fact]
    public async Task Tools_history_images_format_and_think_are_mapped()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson(Answer);
        var schema = Json("""{"type":"object","properties":{"city":{"type":"string"}}}""");
        var request = new ChatCompletionRequest
        {
            Model = "qwen3",
            Messages =
            [
                ChatMessage.Developer("Be brief."),
                ChatMessage.User([ChatContentPart.FromText("What is this?"), ChatContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo=")]),
                new ChatMessage { Role = ChatRole.Assistant, ReasoningContent = "Let me check.", ToolCalls = [new ChatToolCall { Id = "call_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Tokyo"}""" } }] },
                ChatMessage.Tool("call_1", "sunny"),
            ],
            Tools = [ChatTool.CreateFunction("get_weather", "Weather by city", schema)],
            ResponseFormat = ResponseFormat.ForJsonSchema("answer", schema),
            ReasoningEffort = "high",
            MaxCompletionTokens = 100,
            MaxTokens = 5,
        };

        await f.Provider.CompleteAsync(request);

        var body = OllamaFixture.Sent(Assert.Single(f.Upstream.Requests));
        var messages = body.GetProperty("messages");
        Assert.Equal("""{"role":"system","content":"Be brief."}""", messages[0].GetRawText());
        Assert.Equal("""{"role":"user","content":"What is this?","images":["iVBORw0KGgo="]}""", messages[1].GetRawText());
        Assert.Equal("""{"role":"assistant","content":"","tool_calls":[{"id":"call_1","function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}],"thinking":"Let me check."}""", messages[2].GetRawText());
        Assert.Equal("""{"role":"tool","content":"sunny","tool_name":"get_weather"}""", messages[3].GetRawText());
        Assert.Equal("""[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]""", body.GetProperty("tools").GetRawText());
        Assert.Equal(schema.GetRawText(), body.GetProperty("format").GetRawText());
        Assert.Equal("high", body.GetProperty("think").GetString());
        Assert.Equal(100, body.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Json_mode_tool_choice_none_effort_none_and_a_request_keep_alive_override()
    {
        await using var f = await OllamaFixture.StartAsync("keep_alive: 10m");
        f.Upstream.EnqueueJson(Answer);
        var request = OllamaFixture.Ask();
        request.ResponseFormat = ResponseFormat.JsonObject();
        request.Tools = [ChatTool.CreateFunction("f")];
        request.ToolChoice = ToolChoice.None;
        request.ReasoningEffort = "none";
        request.AdditionalProperties = new() { ["keep_alive"] = Json("-1") };

        await f.Provider.CompleteAsync(request);

        var body = OllamaFixture.Sent(Assert.Single(f.Upstream.Requests));
        Assert.Equal("json", body.GetProperty("format").GetString());
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.GetProperty("think").GetBoolean());
        Assert.Equal(-1, body.GetProperty("keep_alive").GetInt32());
        Assert.False(body.TryGetProperty("options", out _));
    }

    [Theory]
    [InlineData("keep_alive: 300", "300")]
    [InlineData("keep_alive: -1", "-1")]
    [InlineData("keep_alive: 1h30m", "\"1h30m\"")]
    public async Task Keep_alive_setting_is_a_number_of_seconds_or_a_duration(string yaml, string json)
    {
        await using var f = await OllamaFixture.StartAsync(yaml);
        f.Upstream.EnqueueJson(Answer);

        await f.Provider.CompleteAsync(OllamaFixture.Ask());

        Assert.Equal(json, OllamaFixture.Sent(Assert.Single(f.Upstream.Requests)).GetProperty("keep_alive").GetRawText());
    }

    [Fact]
    public void A_keep_alive_that_is_neither_is_a_located_configuration_error_without_the_value()
    {
        var error = Assert.Throws<ConfigurationException>(() => new OllamaProvider(new ProviderOptions("ollama", "http://127.0.0.1:9")
        {
            Settings = ConnectorSettings.Parse("keep_alive: forever-ish", "ollama.yaml"),
        }));
        Assert.Contains("'keep_alive' must be a duration", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("forever-ish", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_by_url_and_arguments_that_are_not_an_object_are_precise_argument_errors()
    {
        await using var f = await OllamaFixture.StartAsync();
        var byUrl = new ChatCompletionRequest { Model = "gemma3", Messages = [ChatMessage.User([ChatContentPart.FromImageUrl("https://example.com/cat.png")])] };
        var badArguments = new ChatCompletionRequest
        {
            Model = "llama3.2",
            Messages = [ChatMessage.User("hi"), ChatMessage.Assistant(null, [new ChatToolCall { Id = "c", Function = new FunctionCall { Name = "f", Arguments = "[1" } }])],
        };

        var image = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.CompleteAsync(byUrl));
        var arguments = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.CompleteAsync(badArguments));

        Assert.Contains("Message 0 has an image by URL", image.Message, StringComparison.Ordinal);
        Assert.Contains("Message 1: the arguments of tool call 'f' are not a JSON object", arguments.Message, StringComparison.Ordinal);
        Assert.Empty(f.Upstream.Requests);
    }

    [Fact]
    public async Task An_api_key_when_given_is_sent_only_as_a_bearer_header()
    {
        await using var upstream = await ModelMesh.Testing.LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(Answer);
        using var provider = new OllamaProvider(new ProviderOptions("ollama", upstream.BaseUrl) { ApiKey = "proxy-key-123456" });

        await provider.CompleteAsync(OllamaFixture.Ask());

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("Bearer proxy-key-123456", sent.Header("Authorization"));
        Assert.DoesNotContain("proxy-key", sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-key", sent.Body, StringComparison.Ordinal);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
