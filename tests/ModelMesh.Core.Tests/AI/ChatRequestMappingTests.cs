using System.Text.Json;
using ModelMesh.AI;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.AI;

public sealed class ChatRequestMappingTests
{
    private static readonly Meai.IChatClient Client = new NoClient();

    private static ChatCompletionRequest Map(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options = null, string? defaultModel = "chat") =>
        ChatRequestMapper.ToRequest(messages, options, defaultModel, Client);

    private static string Json(ChatCompletionRequest request) => JsonSerializer.Serialize(request, ModelMeshJson.ChatCompletionRequest);

    [Fact]
    public void Options_map_to_the_request_fields()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""");
        var options = new Meai.ChatOptions
        {
            ModelId = "fast",
            Temperature = 0.7f,
            TopP = 0.9f,
            MaxOutputTokens = 100,
            StopSequences = ["END"],
            Seed = 42,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.5f,
            AllowMultipleToolCalls = false,
            Tools = [Meai.AIFunctionFactory.CreateDeclaration("weather", "Weather in a city", schema.RootElement)],
            ToolMode = Meai.ChatToolMode.RequireSpecific("weather"),
            ResponseFormat = Meai.ChatResponseFormat.ForJsonSchema(schema.RootElement, "city", "A city"),
            Instructions = "Be brief.",
            AdditionalProperties = new() { ["custom_flag"] = true, ["custom_n"] = 3, ["custom_s"] = "x", ["custom_e"] = JsonDocument.Parse("[1]").RootElement },
        };

        var request = Map([new(Meai.ChatRole.User, "Hi")], options);

        Assert.Equal("fast", request.Model);
        Assert.Equal(0.7, request.Temperature);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(100, request.MaxTokens);
        Assert.Equal(["END"], request.Stop);
        Assert.Equal(42, request.Seed);
        Assert.Equal(0.5, request.FrequencyPenalty);
        Assert.Equal(-0.5, request.PresencePenalty);
        Assert.False(request.ParallelToolCalls);
        var tool = Assert.Single(request.Tools!);
        Assert.Equal("weather", tool.Function!.Name);
        Assert.Equal("Weather in a city", tool.Function.Description);
        Assert.Equal("string", tool.Function.Parameters!.Value.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("weather", request.ToolChoice!.FunctionName);
        Assert.Equal("json_schema", request.ResponseFormat!.Type);
        Assert.Equal("city", request.ResponseFormat.JsonSchema!.Name);
        Assert.Equal("A city", request.ResponseFormat.JsonSchema.Description);
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.Messages[0].Content);
        var json = Json(request);
        Assert.Contains("\"custom_flag\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"custom_n\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"custom_s\":\"x\"", json, StringComparison.Ordinal);
        Assert.Contains("\"custom_e\":[1]", json, StringComparison.Ordinal);
        Assert.Contains("\"temperature\":0.7,", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("none", "none")]
    [InlineData("required", "required")]
    public void Tool_modes_map_to_tool_choice(string mode, string expected)
    {
        Meai.ChatToolMode toolMode = mode switch { "auto" => Meai.ChatToolMode.Auto, "none" => Meai.ChatToolMode.None, _ => Meai.ChatToolMode.RequireAny };

        var request = Map([new(Meai.ChatRole.User, "Hi")], new Meai.ChatOptions { ToolMode = toolMode });

        Assert.Equal(expected, request.ToolChoice!.Mode);
    }

    [Fact]
    public void Response_formats_map_to_text_and_json_object()
    {
        Assert.Equal("text", Map([new(Meai.ChatRole.User, "Hi")], new() { ResponseFormat = Meai.ChatResponseFormat.Text }).ResponseFormat!.Type);
        Assert.Equal("json_object", Map([new(Meai.ChatRole.User, "Hi")], new() { ResponseFormat = Meai.ChatResponseFormat.Json }).ResponseFormat!.Type);
        Assert.Null(Map([new(Meai.ChatRole.User, "Hi")]).ResponseFormat);
    }

    [Fact]
    public void Messages_map_roles_images_tool_calls_and_one_tool_message_per_result()
    {
        var messages = new List<Meai.ChatMessage>
        {
            new(Meai.ChatRole.System, "Sys"),
            new(Meai.ChatRole.User, [new Meai.TextContent("Look: "), new Meai.DataContent(new byte[] { 1, 2, 3 }, "image/png"), new Meai.UriContent(new Uri("https://example.com/a.jpg"), "image/jpeg")]),
            new(Meai.ChatRole.Assistant, [new Meai.TextReasoningContent("thinking"), new Meai.FunctionCallContent("call-1", "weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 }), new Meai.FunctionCallContent("call-2", "time", null)]),
            new(Meai.ChatRole.Tool, [new Meai.FunctionResultContent("call-1", "sunny"), new Meai.FunctionResultContent("call-2", JsonDocument.Parse("""{"h":12}""").RootElement)]),
            new(new Meai.ChatRole("developer"), "Dev") { AuthorName = "ops" },
        };

        var request = Map(messages);

        Assert.Equal(["system", "user", "assistant", "tool", "tool", "developer"], request.Messages.Select(m => m.Role));
        var parts = request.Messages[1].ContentParts!;
        Assert.Equal(["text", "image_url", "image_url"], parts.Select(p => p.Type));
        Assert.Equal("data:image/png;base64,AQID", parts[1].ImageUrl!.Url);
        Assert.Equal("https://example.com/a.jpg", parts[2].ImageUrl!.Url);
        var assistant = request.Messages[2];
        Assert.Null(assistant.Content); // the reasoning is not sent back
        Assert.Equal(["call-1", "call-2"], assistant.ToolCalls!.Select(c => c.Id));
        Assert.Equal("""{"city":"Paris","days":2}""", assistant.ToolCalls![0].Function.Arguments);
        Assert.Equal("{}", assistant.ToolCalls[1].Function.Arguments);
        Assert.Equal(("call-1", "sunny"), (request.Messages[3].ToolCallId, request.Messages[3].Content));
        Assert.Equal(("call-2", """{"h":12}"""), (request.Messages[4].ToolCallId, request.Messages[4].Content));
        Assert.Equal("ops", request.Messages[5].Name);
    }

    [Fact]
    public void A_raw_request_from_the_factory_is_the_starting_point()
    {
        var raw = new ChatCompletionRequest { Model = "pool-x", Temperature = 0.1, User = "u-1" };

        var request = Map([new(Meai.ChatRole.User, "Hi")], new() { RawRepresentationFactory = _ => raw, Temperature = 0.9f, TopP = 0.5f, ModelId = "ignored" });

        Assert.Equal("pool-x", request.Model);
        Assert.Equal(0.1, request.Temperature);
        Assert.Equal(0.5, request.TopP);
        Assert.Equal("u-1", request.User);
        Assert.Empty(raw.Messages); // copied, not changed
    }

    [Fact]
    public void Bad_input_gets_a_precise_error()
    {
        var noModel = Assert.Throws<ArgumentException>(() => Map([new(Meai.ChatRole.User, "Hi")], defaultModel: null));
        Assert.Contains("ModelId", noModel.Message, StringComparison.Ordinal);
        var hosted = Assert.Throws<ArgumentException>(() => Map([new(Meai.ChatRole.User, "Hi")], new() { Tools = [new Meai.HostedWebSearchTool()] }));
        Assert.Contains("not a function", hosted.Message, StringComparison.Ordinal);
        var audio = Assert.Throws<ArgumentException>(() => Map([new(Meai.ChatRole.User, [new Meai.DataContent(new byte[] { 1 }, "audio/wav")])]));
        Assert.Contains("audio/wav", audio.Message, StringComparison.Ordinal);
        var unserializable = Assert.Throws<ArgumentException>(() => Map([new(Meai.ChatRole.User, "Hi")], new() { AdditionalProperties = new() { ["odd"] = new NoClient() } }));
        Assert.Contains("'odd'", unserializable.Message, StringComparison.Ordinal);
    }

    private sealed class NoClient : Meai.IChatClient
    {
        public Task<Meai.ChatResponse> GetResponseAsync(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public IAsyncEnumerable<Meai.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
