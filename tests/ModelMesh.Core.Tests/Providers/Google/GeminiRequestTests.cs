using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Google;

namespace ModelMesh.Core.Tests.Providers.Google;

/// <summary>What google.gemini.v1 sends: the URL, the key header, and the generateContent body field by field.</summary>
public sealed class GeminiRequestTests
{
    private static readonly JsonElement WeatherSchema = Json("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""");

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Compact(string json) => JsonSerializer.Serialize(Json(json));

    [Fact]
    public async Task The_key_goes_in_x_goog_api_key_only_and_the_model_in_the_generateContent_path()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("generate-content.json"));

        await fx.Provider.CompleteAsync(GeminiFixture.Ask());

        var sent = fx.Upstream.Requests.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", sent.Uri.PathAndQuery);
        Assert.Equal(GeminiFixture.ApiKey, sent.Header("x-goog-api-key"));
        Assert.Null(sent.Header("Authorization"));
        Assert.DoesNotContain(GeminiFixture.ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_asks_for_streamGenerateContent_with_alt_sse_and_a_versioned_base_url_is_not_doubled()
    {
        await using var fx = await GeminiFixture.StartAsync(basePath: "/v1beta/");
        fx.Upstream.EnqueueSse(GeminiFixture.Capture("stream-generate-content.sse"));

        await GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask(model: "models/gemini-2.5-flash")));

        var sent = fx.Upstream.Requests.Single();
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", sent.Uri.PathAndQuery);
        Assert.DoesNotContain("key=", sent.Uri.Query, StringComparison.Ordinal);
        // Gemini has no stream or stream_options fields: nothing OpenAI-only leaks into the body.
        Assert.DoesNotContain("stream", sent.Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_conversation_maps_roles_system_instruction_media_tools_and_generation_config()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("generate-content.json"));
        var signature = new Dictionary<string, JsonElement> { ["extra_content"] = Json("""{"google":{"thought_signature":"c2ln"}}""") };
        var request = new ChatCompletionRequest
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.Developer("Use metric units."),
                ChatMessage.User([
                    ChatContentPart.FromText("What is in these?"),
                    ChatContentPart.FromImageUrl("data:image/png;base64,iVBORw0K"),
                    ChatContentPart.FromImageUrl("https://example.com/cat.jpg"),
                    ChatContentPart.FromInputAudio("SUQz", "mp3"),
                ]),
                ChatMessage.Assistant("Checking.", [
                    new ChatToolCall { Id = "call_a", Function = new FunctionCall { Name = "get_weather", Arguments = "{\"city\":\"Paris\"}" }, AdditionalProperties = signature },
                    new ChatToolCall { Id = "call_b", Function = new FunctionCall { Name = "now", Arguments = "" } },
                ]),
                ChatMessage.Tool("call_a", "{\"temp\":21}"),
                ChatMessage.Tool("call_b", "2026-12-01"),
                ChatMessage.User("Thanks"),
            ],
            Tools = [ChatTool.CreateFunction("get_weather", "Weather for a city", WeatherSchema), ChatTool.CreateFunction("now")],
            ToolChoice = ToolChoice.Required,
            Temperature = 0.2,
            TopP = 0.9,
            MaxCompletionTokens = 100,
            Stop = ["END"],
            Seed = 7,
            ResponseFormat = ResponseFormat.ForJsonSchema("answer", Json("""{"type":"object"}""")),
            ReasoningEffort = "low",
        };

        await fx.Provider.CompleteAsync(request);

        var expected = """
            {"contents":[
              {"role":"user","parts":[{"text":"What is in these?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0K"}},
                {"fileData":{"fileUri":"https://example.com/cat.jpg"}},{"inlineData":{"mimeType":"audio/mp3","data":"SUQz"}}]},
              {"role":"model","parts":[{"text":"Checking."},
                {"thoughtSignature":"c2ln","functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                {"functionCall":{"name":"now","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":21}}},
                {"functionResponse":{"name":"now","response":{"result":"2026-12-01"}}}]},
              {"role":"user","parts":[{"text":"Thanks"}]}],
             "systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Use metric units."}]},
             "tools":[{"functionDeclarations":[
               {"name":"get_weather","description":"Weather for a city","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}},
               {"name":"now"}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY"}},
             "generationConfig":{"temperature":0.2,"topP":0.9,"maxOutputTokens":100,"stopSequences":["END"],"seed":7,
               "responseMimeType":"application/json","responseJsonSchema":{"type":"object"},
               "thinkingConfig":{"thinkingBudget":1024,"includeThoughts":true}}}
            """;
        Assert.Equal(Compact(expected), Compact(fx.Upstream.Requests[0].Body!));
    }

    [Theory]
    [InlineData("none", """{"mode":"NONE"}""")]
    [InlineData("auto", """{"mode":"AUTO"}""")]
    [InlineData("get_weather", """{"mode":"ANY","allowedFunctionNames":["get_weather"]}""")]
    public async Task Tool_choice_maps_to_function_calling_config(string choice, string config)
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("generate-content.json"));
        var request = GeminiFixture.Ask();
        request.Tools = [ChatTool.CreateFunction("get_weather")];
        request.ToolChoice = choice is "none" or "auto" ? ToolChoice.FromMode(choice) : ToolChoice.Function(choice);

        await fx.Provider.CompleteAsync(request);

        Assert.Equal(Compact(config), fx.Body().GetProperty("toolConfig").GetProperty("functionCallingConfig").GetRawText());
        Assert.False(fx.Body().TryGetProperty("generationConfig", out _)); // nothing set, nothing sent
    }

    [Theory]
    [InlineData("[1,2]", """{"result":[1,2]}""")]
    [InlineData("42", """{"result":42}""")]
    [InlineData("\"text\"", """{"result":"text"}""")]
    [InlineData("not json at all", """{"result":"not json at all"}""")]
    [InlineData("{\"ok\":true}", """{"ok":true}""")]
    public async Task A_tool_result_that_is_not_a_JSON_object_is_wrapped_as_result(string content, string response)
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("generate-content.json"));
        var request = GeminiFixture.Ask();
        request.Messages = [.. request.Messages,
            ChatMessage.Assistant(null, [new ChatToolCall { Id = "c1", Function = new FunctionCall { Name = "lookup", Arguments = "{}" } }]),
            ChatMessage.Tool("c1", content)];

        await fx.Provider.CompleteAsync(request);

        var answer = fx.Body().GetProperty("contents")[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal("lookup", answer.GetProperty("name").GetString());
        Assert.Equal(response, answer.GetProperty("response").GetRawText());
    }

    [Fact]
    public async Task Input_Gemini_cannot_take_is_refused_before_sending_with_an_error_naming_it()
    {
        await using var fx = await GeminiFixture.StartAsync();
        var orphan = GeminiFixture.Ask();
        orphan.Messages = [.. orphan.Messages, ChatMessage.Tool("call_x", "{}")];
        var badArguments = GeminiFixture.Ask();
        badArguments.Messages = [.. badArguments.Messages, ChatMessage.Assistant(null, [new ChatToolCall { Id = "c1", Function = new FunctionCall { Name = "f", Arguments = "[1]" } }])];
        var effort = GeminiFixture.Ask();
        effort.ReasoningEffort = "extreme";

        Assert.Contains("call_x", (await Assert.ThrowsAsync<ArgumentException>(() => fx.Provider.CompleteAsync(orphan))).Message, StringComparison.Ordinal);
        Assert.Contains("not a JSON object", (await Assert.ThrowsAsync<ArgumentException>(() => fx.Provider.CompleteAsync(badArguments))).Message, StringComparison.Ordinal);
        Assert.Contains("'extreme'", (await Assert.ThrowsAsync<ArgumentException>(() => fx.Provider.CompleteAsync(effort))).Message, StringComparison.Ordinal);
        Assert.Empty(fx.Upstream.Requests);
    }

    [Fact]
    public void The_connector_registers_with_its_id_key_variable_base_url_and_catalogue()
    {
        var connector = ConnectorRegistry.Get("google.gemini.v1");

        Assert.Equal("google", connector.Vendor);
        Assert.Equal("GEMINI_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com"), connector.DefaultBaseUrl);
        var flash = connector.Catalogue.Single(m => m.Id == "google.gemini-2.5-flash");
        Assert.Equal(1_048_576, flash.ContextWindow);
        Assert.Equal(65_536, flash.MaxOutputTokens);
        Assert.Equal(0.0003m, flash.Pricing!.InputPer1K);
        Assert.Equal(0.0025m, flash.Pricing.OutputPer1K);
        Assert.True(flash.Features!.Value.HasFlag(ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.Streaming));
        Assert.Contains(connector.Catalogue, m => m.Id == "google.gemini-2.0-flash");
        Assert.Contains(connector.Catalogue, m => m.Id == "google.gemini-2.0-flash-lite");
        Assert.Contains("representation.embeddings.text-embeddings", connector.Catalogue.Single(m => m.Id == "google.gemini-embedding-001").Capabilities);
        Assert.Equal(GeminiProvider.ConnectorId, connector.Id);
    }
}
