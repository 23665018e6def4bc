using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Anthropic;
using ModelMesh.Testing;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.AI;

/// <summary>
/// An M.E.AI tool loop over Anthropic with extended thinking: the signed thinking of the turn that called the tool
/// goes back with its result (Anthropic refuses the follow-up otherwise), whole and streamed.
/// </summary>
public sealed class ThinkingToolLoopTests
{
    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3h";

    private const string ToolTurn = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[{"type":"thinking","thinking":"I need the weather tool.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"},
                    {"type":"tool_use","id":"toolu_01","name":"weather","input":{"city":"Paris"}}],
         "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":20}}
        """;

    private const string ToolTurnStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01","model":"claude-sonnet-4-20250514","content":[],"usage":{"input_tokens":40,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"I need the "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"weather tool."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":20}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    private const string FinalTurn = """
        {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[{"type":"text","text":"Sunny in Paris."}],"stop_reason":"end_turn","usage":{"input_tokens":80,"output_tokens":5}}
        """;

    private const string FinalTurnStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_02","model":"claude-sonnet-4-20250514","content":[],"usage":{"input_tokens":80,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Sunny in Paris."}}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    private static MeshClient Mesh(LoopbackUpstream upstream) =>
        new MeshBuilder()
            .AddProvider(new AnthropicProvider(new ProviderOptions("anthropic", upstream.BaseUrl) { ApiKey = "sk-ant-test" }))
            .AddModels(new ModelDefinition
            {
                Id = "anthropic.sonnet",
                ProviderId = "anthropic",
                UpstreamModel = "claude-sonnet-4-20250514",
                Capabilities = ["chat-completion"],
                Features = ModelFeatures.Tools | ModelFeatures.Streaming,
            })
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Retry = MeshFixture.FastRetry with { MaxAttempts = 1 } })
            .Build();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_follow_up_carries_the_signed_thinking_before_the_tool_use(bool stream)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        if (stream)
        {
            upstream.EnqueueSse(ToolTurnStream).EnqueueSse(FinalTurnStream);
        }
        else
        {
            upstream.EnqueueJson(ToolTurn).EnqueueJson(FinalTurn);
        }
        using var mesh = Mesh(upstream);
        var weather = AIFunctionFactory.Create((string city) => "sunny", "weather", "Weather in a city");
        using var pipeline = mesh.AsIChatClient("chat").AsBuilder().UseFunctionInvocation().Build();
        var options = new Meai.ChatOptions { Tools = [weather] };
        List<Meai.ChatMessage> ask = [new(Meai.ChatRole.User, "Weather in Paris?")];

        var text = stream
            ? string.Concat(await pipeline.GetStreamingResponseAsync(ask, options).Select(u => u.Text).ToListAsync())
            : (await pipeline.GetResponseAsync(ask, options)).Text;

        Assert.Equal("Sunny in Paris.", text);
        Assert.Equal(2, upstream.Requests.Count);
        var assistant = JsonDocument.Parse(upstream.Requests[1].Body!).RootElement.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var blocks = assistant.GetProperty("content");
        Assert.Equal("thinking", blocks[0].GetProperty("type").GetString());
        Assert.Equal("I need the weather tool.", blocks[0].GetProperty("thinking").GetString());
        Assert.Equal(Signature, blocks[0].GetProperty("signature").GetString());
        Assert.Equal("tool_use", blocks[1].GetProperty("type").GetString());
        Assert.Equal(2, blocks.GetArrayLength());
    }

    [Fact]
    public void A_history_that_lost_the_raw_blocks_is_rebuilt_from_the_protected_data()
    {
        List<Meai.AIContent> contents =
        [
            new Meai.TextReasoningContent("I need the "),
            new Meai.TextReasoningContent("weather tool."),
            new Meai.TextReasoningContent(string.Empty) { ProtectedData = Signature },
            new Meai.TextReasoningContent(string.Empty) { ProtectedData = "EmwKAhgB" },
            new Meai.TextReasoningContent("Whole thought.") { ProtectedData = "sig-2" },
        ];

        var blocks = ModelMesh.AI.ThinkingBlockMapper.FromContents(contents)!;

        Assert.Collection(blocks,
            b => Assert.Equal(("thinking", "I need the weather tool.", Signature), (b.Type, b.Thinking, b.Signature)),
            b => Assert.Equal(("redacted_thinking", "EmwKAhgB"), (b.Type, b.Data)),
            b => Assert.Equal(("thinking", "Whole thought.", "sig-2"), (b.Type, b.Thinking, b.Signature)));
        Assert.Null(ModelMesh.AI.ThinkingBlockMapper.FromContents([new Meai.TextReasoningContent("unsigned")]));
    }
}
