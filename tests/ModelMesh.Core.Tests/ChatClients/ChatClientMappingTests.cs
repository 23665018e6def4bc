using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelMesh.ChatClients;
using ModelMesh.Core.Tests.Routing;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.ChatClients;

public sealed class ChatClientMappingTests
{
    private static ChatCompletionRequest ToolRequest() => new()
    {
        Model = "m",
        Messages =
        [
            new ModelMesh.ChatMessage { Role = ModelMesh.ChatRole.Developer, Content = "Be brief." },
            ModelMesh.ChatMessage.User("Weather in Paris?"),
            ModelMesh.ChatMessage.Assistant(null, [new ChatToolCall { Id = "call_1", Function = new FunctionCall { Name = "weather", Arguments = """{"city":"Paris"}""" } }]),
            ModelMesh.ChatMessage.Tool("call_1", "sunny"),
        ],
        Tools = [new ChatTool { Function = new FunctionDefinition { Name = "weather", Description = "Looks up the weather", Parameters = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement } }],
        ToolChoice = ToolChoice.Function("weather"),
        ResponseFormat = ModelMesh.ResponseFormat.JsonObject(),
        Temperature = 0.5,
        TopP = 0.9,
        MaxCompletionTokens = 100,
        Stop = ["END"],
        Seed = 42,
        FrequencyPenalty = 0.1,
        PresencePenalty = 0.2,
        User = "u-1",
        ReasoningEffort = "high",
        AdditionalProperties = new() { ["custom"] = JsonDocument.Parse("7").RootElement },
    };

    private static ScriptedChatClient.Step ToolCallAnswer() => new(
    [
        new ChatResponseUpdate(Meai.ChatRole.Assistant, [new TextReasoningContent("thinking")]) { ResponseId = "resp-9", ModelId = "m-2025" },
        new ChatResponseUpdate(Meai.ChatRole.Assistant, [new FunctionCallContent("call_2", "weather", new Dictionary<string, object?> { ["city"] = "Lyon", ["days"] = 2 })]) { ResponseId = "resp-9" },
        new ChatResponseUpdate
        {
            ResponseId = "resp-9",
            FinishReason = ChatFinishReason.ToolCalls,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 20, OutputTokenCount = 5, TotalTokenCount = 25, CachedInputTokenCount = 8, ReasoningTokenCount = 3 })],
        },
    ]);

    [Fact]
    public async Task A_request_is_sent_as_messages_of_every_role_with_tools_and_options()
    {
        var client = new ScriptedChatClient { Otherwise = ScriptedChatClient.Answer("ok") };
        using var provider = new ChatClientProvider("p", client);

        await provider.CompleteAsync(ToolRequest());

        var (messages, options) = Assert.Single(client.Calls);
        Assert.Equal([Meai.ChatRole.System, Meai.ChatRole.User, Meai.ChatRole.Assistant, Meai.ChatRole.Tool], messages.Select(m => m.Role));
        Assert.Equal("Be brief.", messages[0].Text);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("call_1", "weather"), (call.CallId, call.Name));
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents));
        Assert.Equal(("call_1", "sunny"), (result.CallId, result.Result as string));

        Assert.NotNull(options);
        Assert.Equal("m", options.ModelId);
        var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(options.Tools!));
        Assert.Equal(("weather", "Looks up the weather"), (tool.Name, tool.Description));
        Assert.Equal("string", tool.JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("weather", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal((0.5f, 0.9f, 100, 42L, 0.1f, 0.2f), (options.Temperature, options.TopP, options.MaxOutputTokens, options.Seed, options.FrequencyPenalty, options.PresencePenalty));
        Assert.Equal(["END"], options.StopSequences!);
        Assert.Equal(ReasoningEffort.High, options.Reasoning!.Effort);
        Assert.Equal("u-1", options.AdditionalProperties!["user"]);
        Assert.Equal(7, ((JsonElement)options.AdditionalProperties["custom"]!).GetInt32());
    }

    [Fact]
    public async Task A_response_with_reasoning_and_a_tool_call_comes_back_as_a_completion()
    {
        var client = new ScriptedChatClient { Otherwise = ToolCallAnswer() };
        using var provider = new ChatClientProvider("p", client);

        var completion = await provider.CompleteAsync(ToolRequest());

        Assert.Equal(("resp-9", "m-2025"), (completion.Id, completion.Model));
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Equal("thinking", choice.Message.ReasoningContent);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal(("call_2", "weather"), (call.Id, call.Function.Name));
        using (var arguments = JsonDocument.Parse(call.Function.Arguments))
        {
            Assert.Equal("Lyon", arguments.RootElement.GetProperty("city").GetString());
            Assert.Equal(2, arguments.RootElement.GetProperty("days").GetInt32());
        }
        Assert.Equal((20, 5, 25), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal(8, completion.Usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(3, completion.Usage.CompletionTokensDetails!.ReasoningTokens);
    }

    [Fact]
    public async Task A_streamed_tool_call_round_trips_through_the_mesh()
    {
        var client = new ScriptedChatClient { Otherwise = ToolCallAnswer() };
        using var mesh = new MeshBuilder().AddChatClient("p", client, "m")
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Retry = MeshFixture.FastRetry })
            .Build();
        var request = ToolRequest();
        request.Model = "chat";

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in mesh.Chat.Completions.StreamAsync(request))
        {
            chunks.Add(chunk);
        }

        Assert.Equal(ModelMesh.ChatRole.Assistant, chunks[0].Choices[0].Delta.Role);
        Assert.Equal("thinking", chunks[0].Choices[0].Delta.ReasoningContent);
        var call = Assert.Single(chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []));
        Assert.Equal((0, "call_2", "weather"), (call.Index, call.Id, call.Function!.Name));
        Assert.Contains("\"Lyon\"", call.Function.Arguments, StringComparison.Ordinal);
        Assert.Equal(FinishReason.ToolCalls, chunks.Last().Choices[0].FinishReason);
        Assert.Equal(25, chunks.Last().Usage!.TotalTokens);
        Assert.All(chunks, c => Assert.Equal("resp-9", c.Id));

        // The answer goes back as the next turn's assistant message and arrives as the same function call.
        var next = ToolRequest();
        next.Messages = [.. next.Messages, ModelMesh.ChatMessage.Assistant(null, [new ChatToolCall { Id = call.Id!, Function = new FunctionCall { Name = call.Function.Name!, Arguments = call.Function.Arguments! } }])];
        next.Model = "chat";
        await mesh.Chat.Completions.CreateAsync(next);
        var replayed = Assert.IsType<FunctionCallContent>(client.Calls.Last().Messages.Last().Contents.Single());
        Assert.Equal(("call_2", "Lyon", 2), (replayed.CallId, ((JsonElement)replayed.Arguments!["city"]!).GetString(), ((JsonElement)replayed.Arguments["days"]!).GetInt32()));
    }

    [Fact]
    public async Task A_part_an_IChatClient_cannot_take_is_a_precise_argument_error()
    {
        using var provider = new ChatClientProvider("p", new ScriptedChatClient());
        var request = new ChatCompletionRequest { Model = "m", Messages = [ModelMesh.ChatMessage.User([new ChatContentPart { Type = "video" }])] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.CompleteAsync(request));

        Assert.Contains("messages[0].content[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_and_audio_are_not_served_and_models_are_listed_as_given()
    {
        using var provider = new ChatClientProvider("p", new ScriptedChatClient(), ["m1", "m2"]);

        var embed = await Assert.ThrowsAsync<NotSupportedException>(() => provider.EmbedAsync(new EmbeddingRequest { Model = "m1", Input = EmbeddingInput.FromText("x") }));
        Assert.Contains("'p'", embed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotSupportedException>(() => provider.SpeechAsync(new SpeechRequest { Model = "m1", Input = "x", Voice = "v" }));
        Assert.Equal(["m1", "m2"], (await provider.ListModelsAsync()).Data.Select(m => m.Id));
    }

    [Fact]
    public async Task An_error_content_in_a_stream_ends_it_with_a_classified_in_band_error()
    {
        var client = new ScriptedChatClient { Otherwise = new([new ChatResponseUpdate(Meai.ChatRole.Assistant, [new ErrorContent("overloaded") { ErrorCode = "server_error" }])]) };
        using var provider = new ChatClientProvider("p", client);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var _ in provider.StreamAsync(MeshFixture.Ask(model: "m")))
            {
            }
        });

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
    }
}
