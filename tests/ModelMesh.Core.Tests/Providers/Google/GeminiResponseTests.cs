using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Google;

/// <summary>Gemini's answers (the conformance captures, CRLF streams with no [DONE]) as OpenAI completions and chunks.</summary>
public sealed class GeminiResponseTests
{
    [Fact]
    public async Task A_whole_answer_maps_text_finish_reason_model_and_usage()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("generate-content.json"));

        var completion = await fx.Provider.CompleteAsync(GeminiFixture.Ask());

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("Google's headquarters, also known as the Googleplex, is located in **Mountain View, California**.\n", choice.Message.Content);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Null(choice.Message.ReasoningContent);
        Assert.Equal("gemini-2.0-flash", completion.Model);
        Assert.Equal((7, 22, 29), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
    }

    [Fact]
    public async Task A_CRLF_stream_without_DONE_delivers_every_delta_and_completes_on_the_finish_reason()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueSse(GeminiFixture.Capture("stream-generate-content.sse"));
        Assert.Contains("\r\n\r\n", GeminiFixture.Capture("stream-generate-content.sse"), StringComparison.Ordinal);

        var chunks = await GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask()));

        Assert.Equal(["The", " capital of Wyoming", " is **Cheyenne**.\n"], chunks.Select(c => c.Choices[0].Delta.Content));
        Assert.Equal([null, null, FinishReason.Stop], chunks.Select(c => c.Choices[0].FinishReason));
        // Gemini repeats cumulative usage on every event: it is passed on once, with the finish.
        Assert.Equal([false, false, true], chunks.Select(c => c.Usage is not null));
        Assert.Equal((7, 10, 17), (chunks[^1].Usage!.PromptTokens, chunks[^1].Usage!.CompletionTokens, chunks[^1].Usage!.TotalTokens));
    }

    [Fact]
    public async Task Thought_parts_stream_as_reasoning_and_a_whole_function_call_as_one_complete_tool_call()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueSse(GeminiFixture.Capture("stream-generate-content-thinking-function-call.sse"));
        var accumulator = new ChatStreamAccumulator();

        var chunks = await GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask(model: "gemini-2.5-flash")));
        foreach (var chunk in chunks)
        {
            accumulator.Add(chunk);
        }

        Assert.StartsWith("**Calculating the Days**", chunks[0].Choices[0].Delta.ReasoningContent, StringComparison.Ordinal);
        Assert.StartsWith("**Determining the Approach**", chunks[1].Choices[0].Delta.ReasoningContent, StringComparison.Ordinal);
        Assert.All(chunks, c => Assert.Null(c.Choices[0].Delta.Content));
        var call = Assert.Single(chunks[2].Choices[0].Delta.ToolCalls!);
        Assert.Equal("now", call.Function!.Name);
        Assert.Equal("{}", call.Function.Arguments);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.StartsWith("CiIBVKhc7vB+", call.AdditionalProperties!["extra_content"].GetProperty("google").GetProperty("thought_signature").GetString(), StringComparison.Ordinal);
        Assert.Equal(FinishReason.ToolCalls, chunks[2].Choices[0].FinishReason);

        var whole = accumulator.ToCompletion();
        Assert.Contains("New Year's Eve", whole.Choices[0].Message.ReasoningContent, StringComparison.Ordinal);
        Assert.Equal("now", Assert.Single(whole.Choices[0].Message.ToolCalls!).Function.Name);
        var usage = chunks[2].Usage!;
        Assert.Equal((38, 6 + 168, 212, 168), (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.CompletionTokensDetails!.ReasoningTokens));
    }

    [Fact]
    public async Task A_streamed_function_call_has_valid_JSON_arguments_and_its_usage_counts_thinking_tokens()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueSse(GeminiFixture.Capture("stream-generate-content-function-call.sse"));

        var chunk = Assert.Single(await GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask(model: "gemini-2.5-flash"))));

        var call = Assert.Single(chunk.Choices[0].Delta.ToolCalls!);
        Assert.Equal("get_weather", call.Function!.Name);
        using (var arguments = JsonDocument.Parse(call.Function.Arguments!))
        {
            Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());
        }
        Assert.Equal(FinishReason.ToolCalls, chunk.Choices[0].FinishReason);
        Assert.Equal("7CPuaa_aIcWb_uMP1Ia0wQ8", chunk.Id);
        Assert.Equal((55, 60, 115, 45), (chunk.Usage!.PromptTokens, chunk.Usage.CompletionTokens, chunk.Usage.TotalTokens, chunk.Usage.CompletionTokensDetails!.ReasoningTokens));
    }

    [Fact]
    public async Task A_whole_function_call_answer_gets_call_index_ids_and_the_signature_round_trips_into_the_next_request()
    {
        await using var fx = await GeminiFixture.StartAsync();
        var data = GeminiFixture.Capture("stream-generate-content-function-call.sse").Trim()["data: ".Length..];
        fx.Upstream.EnqueueJson(data).EnqueueJson(GeminiFixture.Capture("generate-content.json"));

        var first = await fx.Provider.CompleteAsync(GeminiFixture.Ask(model: "gemini-2.5-flash"));
        var call = Assert.Single(first.Choices[0].Message.ToolCalls!);
        Assert.Equal("call_0", call.Id);
        Assert.Null(first.Choices[0].Message.Content);
        Assert.Equal(FinishReason.ToolCalls, first.Choices[0].FinishReason);

        var next = GeminiFixture.Ask(model: "gemini-2.5-flash");
        next.Messages = [.. next.Messages, first.Choices[0].Message, ChatMessage.Tool(call.Id, "{\"forecast\":\"sun\"}")];
        await fx.Provider.CompleteAsync(next);

        using var body = JsonDocument.Parse(fx.Upstream.Requests[1].Body!);
        var model = body.RootElement.GetProperty("contents")[1];
        Assert.Equal("model", model.GetProperty("role").GetString());
        Assert.StartsWith("CiQBDDnWx1Wa8wdQ", model.GetProperty("parts")[0].GetProperty("thoughtSignature").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"city":"Paris"}""", model.GetProperty("parts")[0].GetProperty("functionCall").GetProperty("args").GetRawText());
        Assert.Equal("get_weather", body.RootElement.GetProperty("contents")[2].GetProperty("parts")[0].GetProperty("functionResponse").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_stream_cut_before_any_finish_reason_is_a_provider_error_not_a_complete_answer()
    {
        await using var fx = await GeminiFixture.StartAsync();
        var capture = GeminiFixture.Capture("stream-generate-content.sse");
        var cut = capture[..capture.LastIndexOf("data: ", StringComparison.Ordinal)]; // the two events before the finishing one
        fx.Upstream.EnqueueSse(cut);
        var texts = new List<string?>();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in fx.Provider.StreamAsync(GeminiFixture.Ask()))
            {
                texts.Add(chunk.Choices[0].Delta.Content);
            }
        });

        Assert.Equal(["The", " capital of Wyoming"], texts);
        Assert.Equal(ProviderErrorCategory.Network, error.Category);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Max_tokens_is_length_and_a_safety_stop_after_output_is_content_filter()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson("""{"candidates":[{"content":{"parts":[{"text":"Once upon"}],"role":"model"},"finishReason":"MAX_TOKENS"}]}""");
        fx.Upstream.EnqueueSse("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Partial\"}],\"role\":\"model\"}}]}\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"SAFETY\"}]}\r\n\r\n");

        var truncated = await fx.Provider.CompleteAsync(GeminiFixture.Ask());
        var chunks = await GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask()));

        Assert.Equal(FinishReason.Length, truncated.Choices[0].FinishReason);
        Assert.Equal("Once upon", truncated.Choices[0].Message.Content);
        Assert.Equal(FinishReason.ContentFilter, chunks[^1].Choices[0].FinishReason);
        Assert.Equal("Partial", chunks[0].Choices[0].Delta.Content);
    }

    [Fact]
    public async Task Embeddings_go_to_batchEmbedContents_one_entry_per_text_in_order()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson("""{"embeddings":[{"values":[0.25,-0.5]},{"values":[1,0]}]}""");

        var response = await fx.Provider.EmbedAsync(new EmbeddingRequest { Model = "gemini-embedding-001", Input = EmbeddingInput.FromTexts(["a", "b"]), Dimensions = 2 });

        var sent = fx.Upstream.Requests.Single();
        Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", sent.Uri.PathAndQuery);
        Assert.Equal(GeminiFixture.ApiKey, sent.Header("x-goog-api-key"));
        Assert.Equal("""{"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"outputDimensionality":2},{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"outputDimensionality":2}]}""", sent.Body);
        Assert.Equal([0, 1], response.Data.Select(d => d.Index));
        Assert.Equal([0.25f, -0.5f], response.Data[0].Vector.Values);
        Assert.Equal([1f, 0f], response.Data[1].Vector.Values);
    }
}
