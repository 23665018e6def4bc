using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Conformance.Tests;

/// <summary>
/// Every OpenAI-format stream capture is served over real HTTP, read through OpenAICompatibleProvider and
/// reassembled; text, refusal, reasoning, tool calls, finish reasons and usage are checked exactly.
/// The expected values were computed by an independent reassembly of the raw captures.
/// </summary>
public class StreamCaptureTests
{
    public sealed record Tool(string Id, string Name, string Arguments);

    public sealed record Choice(string Text, string FinishReason, string? Refusal = null, Tool[]? Tools = null, int? ReasoningLength = null, string? ReasoningStart = null);

    public sealed record Expected(string Capture, int Chunks, Choice[] Choices, int? PromptTokens, int? CompletionTokens, int? TotalTokens, decimal? Cost = null);

    private static readonly Expected[] Captures =
    [
        new("openai/chat-stream-text.sse", 33,
            [new("I'm unable to provide real-time weather updates. To get the current weather in San Francisco, I recommend checking a reliable weather website or a weather app.", "stop")],
            14, 30, 44),
        new("openai/chat-stream-include-usage.sse", 5, [new("Hello!", "stop")], 22, 2, 24),
        new("openai/chat-stream-logprobs.sse", 5, [new("Foo!", "stop")], 9, 2, 11),
        new("openai/chat-stream-refusal-logprobs.sse", 14,
            [new("", "stop", Refusal: "I'm very sorry, but I can't assist with that.")], 79, 12, 91),
        new("openai/chat-stream-n3-choices.sse", 49,
            [
                new("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}", "stop"),
                new("{\"city\":\"San Francisco\",\"temperature\":61,\"units\":\"f\"}", "stop"),
                new("{\"city\":\"San Francisco\",\"temperature\":59,\"units\":\"f\"}", "stop"),
            ],
            79, 42, 121),
        new("openai/chat-stream-tool-calls-parallel.sse", 25,
            [new("", "tool_calls", Tools:
            [
                new("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs", "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
                new("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price", "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"),
            ])],
            149, 60, 209),
        new("azure/chat-stream-async-filter.sse", 6, [new("Kindness", "stop")], null, null, null),
        new("azure/chat-stream-content-filter.sse", 8, [new("Capital of Denmark.", "stop")], 15, 78, 93),
        new("deepseek/chat-stream-reasoning.sse", 220,
            [new("The word \"strawberry\" contains three \"r\"s.", "stop", ReasoningLength: 606,
                ReasoningStart: "We need to count the number of the letter \"r\" in the word \"strawberry\".")],
            18, 219, 237),
        new("groq/chat-stream-tool-call.sse", 4,
            [new("", "tool_calls", Tools: [new("mcf2d8nn1", "get_weather", "{\"city\":\"Paris\"}")])], 249, 10, 259),
        new("mistral/chat-stream.sse", 8, [new("Hello, world! This is a test response.", "stop")], 13, 8, 21),
        new("mistral/chat-stream-tool-call.sse", 2,
            [new("", "tool_calls", Tools: [new("gSIMJiOkT", "weather", "{\"location\": \"San Francisco\"}")])], 124, 22, 146),
        new("openrouter/chat-stream-text.sse", 4, [new("Hello!", "stop")], 21, 3, 24, Cost: 0.00000495m),
        new("openrouter/chat-stream-tool-call.sse", 9,
            [new("", "tool_calls", Tools: [new("call_L7mHMq49ZSUTBHjLJfBIP2eT", "get_weather", "{\"city\":\"Paris\"}")])], 67, 5, 72, Cost: 0.00001305m),
        new("togetherai/chat-stream-tool-call.sse", 4,
            [new("", "tool_calls", Tools: [new("call_yu1mxtmex7x48nximi9c8jpo", "get_weather", "{\"city\":\"Paris\"}")])], 194, 19, 213),
        new("ollama/v1-chat-completions-stream.sse", 2, [new("", "length", ReasoningLength: 4, ReasoningStart: "Okay")], null, null, null),
    ];

    /// <summary>Stream captures with no successful reassembly (in-band errors) are covered by their own tests below.</summary>
    private static readonly string[] ErrorStreams = ["openrouter/chat-stream-midstream-error.sse"];

    public static TheoryData<string> CaptureNames() => new(Captures.Select(c => c.Capture));

    [Fact]
    public void Every_OpenAI_format_stream_capture_has_expectations()
    {
        string[] openAiFormatFolders = ["openai", "azure", "deepseek", "groq", "mistral", "openrouter", "togetherai"];
        var streams = openAiFormatFolders.SelectMany(f => ConformanceCaptures.List(f))
            .Concat(ConformanceCaptures.List("ollama").Where(p => p.StartsWith("ollama/v1-", StringComparison.Ordinal)))
            .Where(p => p.EndsWith(".sse", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var covered = Captures.Select(c => c.Capture).Concat(ErrorStreams).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(streams, covered);
    }

    [Theory]
    [MemberData(nameof(CaptureNames))]
    public async Task Capture_reassembles_to_the_expected_completion(string capture)
    {
        var expected = Captures.Single(c => c.Capture == capture);
        await using var server = await CaptureServer.ServeAsync(capture);

        var accumulator = new ChatStreamAccumulator();
        await foreach (var chunk in server.Provider.StreamAsync(CaptureServer.Request()))
        {
            accumulator.Add(chunk);
        }
        var completion = accumulator.ToCompletion();

        Assert.Equal(expected.Chunks, accumulator.ChunkCount);
        Assert.Equal(expected.Choices.Length, completion.Choices.Count);
        for (var i = 0; i < expected.Choices.Length; i++)
        {
            var want = expected.Choices[i];
            var got = completion.Choices[i];
            Assert.Equal(i, got.Index);
            Assert.Equal("assistant", got.Message.Role);
            Assert.Equal(want.Text, got.Message.Text);
            Assert.Equal(want.FinishReason, got.FinishReason);
            Assert.Equal(want.Refusal, got.Message.Refusal);
            if (want.ReasoningLength is int length)
            {
                Assert.Equal(length, got.Message.ReasoningContent!.Length);
                Assert.StartsWith(want.ReasoningStart!, got.Message.ReasoningContent, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(got.Message.ReasoningContent);
            }
            var tools = want.Tools ?? [];
            Assert.Equal(tools.Length, got.Message.ToolCalls?.Count ?? 0);
            for (var t = 0; t < tools.Length; t++)
            {
                var call = got.Message.ToolCalls![t];
                Assert.Equal(tools[t].Id, call.Id);
                Assert.Equal("function", call.Type);
                Assert.Equal(tools[t].Name, call.Function.Name);
                Assert.Equal(tools[t].Arguments, call.Function.Arguments);
                using var arguments = JsonDocument.Parse(call.Function.Arguments); // reassembled arguments are valid JSON
                Assert.Equal(JsonValueKind.Object, arguments.RootElement.ValueKind);
            }
        }

        // Usage is reported once even where a provider repeats it (Groq, OpenRouter): the latest report, never a sum.
        Assert.Equal(expected.PromptTokens, completion.Usage?.PromptTokens);
        Assert.Equal(expected.CompletionTokens, completion.Usage?.CompletionTokens);
        Assert.Equal(expected.TotalTokens, completion.Usage?.TotalTokens);
        Assert.Equal(expected.Cost, completion.Usage?.Cost);
    }

    [Fact]
    public async Task Stream_request_sent_for_a_capture_asks_for_streaming_and_usage()
    {
        await using var server = await CaptureServer.ServeAsync("openai/chat-stream-text.sse");
        await foreach (var _ in server.Provider.StreamAsync(CaptureServer.Request()))
        {
        }
        var sent = Assert.Single(server.Upstream.Requests);
        Assert.Equal("/v1/chat/completions", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + CaptureServer.ApiKey, sent.Header("Authorization"));
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task OpenRouter_midstream_error_ends_the_stream_with_a_typed_retryable_server_error()
    {
        await using var server = await CaptureServer.ServeAsync("openrouter/chat-stream-midstream-error.sse");
        var received = 0;
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in server.Provider.StreamAsync(CaptureServer.Request()))
            {
                received++;
            }
        });
        Assert.Equal(0, received); // the error chunk carried no content, so nothing was delivered
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Equal("server_error", error.ErrorCode);
        Assert.Null(error.StatusCode);
        Assert.Contains("Provider disconnected unexpectedly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_filter_chunks_without_choices_or_delta_parse_and_keep_their_filter_results()
    {
        await using var server = await CaptureServer.ServeAsync("azure/chat-stream-content-filter.sse");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in server.Provider.StreamAsync(CaptureServer.Request()))
        {
            chunks.Add(chunk);
        }
        Assert.Empty(chunks[0].Choices);
        Assert.Equal(string.Empty, chunks[0].Id);
        Assert.True(chunks[0].AdditionalProperties!.ContainsKey("prompt_filter_results"));
    }

    [Fact]
    public async Task Logprobs_are_reassembled_per_token()
    {
        await using var server = await CaptureServer.ServeAsync("openai/chat-stream-logprobs.sse");
        var accumulator = new ChatStreamAccumulator();
        await foreach (var chunk in server.Provider.StreamAsync(CaptureServer.Request()))
        {
            accumulator.Add(chunk);
        }
        var logprobs = accumulator.ToCompletion().Choices[0].Logprobs!.Content!;
        Assert.Equal(["Foo", "!"], logprobs.Select(l => l.Token));
        Assert.Equal(-0.0025094282, logprobs[0].Logprob);
        Assert.Equal(-0.26638845, logprobs[1].Logprob);
    }
}
