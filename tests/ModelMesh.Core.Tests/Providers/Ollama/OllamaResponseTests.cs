using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Ollama;

/// <summary>Whole answers, NDJSON streams (the conformance captures), embeddings, the model list and errors.</summary>
public sealed class OllamaResponseTests
{
    [Fact]
    public async Task A_whole_answer_maps_text_thinking_usage_and_finish_reason()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"model":"qwen3:32b","created_at":"2026-01-10T16:33:10.5Z","message":{"role":"assistant","content":"Hi!","thinking":"Greet back."},"done":true,"done_reason":"length","prompt_eval_count":15,"eval_count":20}""");

        var completion = await f.Provider.CompleteAsync(OllamaFixture.Ask("qwen3:32b"));

        var choice = Assert.Single(completion.Choices);
        Assert.Equal("Hi!", choice.Message.Content);
        Assert.Equal("Greet back.", choice.Message.ReasoningContent);
        Assert.Equal(FinishReason.Length, choice.FinishReason);
        Assert.Equal("qwen3:32b", completion.Model);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 16, 33, 10, TimeSpan.Zero).ToUnixTimeSeconds(), completion.Created);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal((15, 20, 35), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
    }

    [Fact]
    public async Task Tool_call_arguments_that_are_an_object_become_json_text_and_the_finish_reason_is_tool_calls()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"model":"llama3.2","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo","days":[1,2]}}},{"function":{"name":"get_time","arguments":{}}}]},"done":true,"done_reason":"stop","prompt_eval_count":169,"eval_count":15}""");

        var completion = await f.Provider.CompleteAsync(OllamaFixture.Ask());

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var calls = choice.Message.ToolCalls!;
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Function.Name));
        Assert.Equal("""{"city":"Tokyo","days":[1,2]}""", calls[0].Function.Arguments);
        Assert.Equal("{}", calls[1].Function.Arguments);
        Assert.All(calls, c => Assert.StartsWith("call_", c.Id, StringComparison.Ordinal));
        Assert.NotEqual(calls[0].Id, calls[1].Id);
    }

    [Fact]
    public async Task The_text_capture_streams_to_the_exact_text_with_usage_and_stop()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueCapture("api-chat-stream.ndjson");

        var chunks = await f.StreamAsync(OllamaFixture.Ask("phi3"));

        Assert.Equal(6, chunks.Count);
        var completion = OllamaFixture.Accumulate(chunks);
        Assert.Equal(" these times of day.", completion.Choices[0].Message.Content);
        Assert.Equal(FinishReason.Stop, completion.Choices[0].FinishReason);
        Assert.Equal((10, 239), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
        Assert.Equal("phi3", completion.Model);
        Assert.True(OllamaFixture.Sent(Assert.Single(f.Upstream.Requests)).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task The_thinking_capture_streams_reasoning_and_ends_with_length()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueCapture("api-chat-stream-thinking.ndjson");

        var completion = OllamaFixture.Accumulate(await f.StreamAsync(OllamaFixture.Ask("qwen3:32b")));

        Assert.Equal("Okay,", completion.Choices[0].Message.ReasoningContent);
        Assert.Equal(string.Empty, completion.Choices[0].Message.Content);
        Assert.Equal(FinishReason.Length, completion.Choices[0].FinishReason);
        Assert.Equal((15, 20), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Fact]
    public async Task The_tool_call_capture_streams_a_whole_call_with_valid_json_arguments()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueCapture("api-chat-stream-tool-call.ndjson");

        var completion = OllamaFixture.Accumulate(await f.StreamAsync(OllamaFixture.Ask()));

        var call = Assert.Single(completion.Choices[0].Message.ToolCalls!);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("Tokyo", JsonDocument.Parse(call.Function.Arguments).RootElement.GetProperty("city").GetString());
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Equal((169, 15), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Fact]
    public async Task Two_calls_in_separate_lines_stay_two_calls()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueNdjson("""
            {"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"a","arguments":{"x":1}}}]},"done":false}
            {"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"b","arguments":{"y":2}}}]},"done":false}
            {"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}

            """);

        var completion = OllamaFixture.Accumulate(await f.StreamAsync(OllamaFixture.Ask()));

        Assert.Equal(["a:{\"x\":1}", "b:{\"y\":2}"], completion.Choices[0].Message.ToolCalls!.Select(c => c.Function.Name + ":" + c.Function.Arguments));
    }

    [Fact]
    public async Task A_streamed_tool_call_ends_with_tool_calls_and_the_next_stream_of_the_provider_with_stop()
    {
        await using var f = await OllamaFixture.StartAsync();
        const string Done = """{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}""" + "\n";
        f.EnqueueNdjson("""{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_time","arguments":{}}}]},"done":false}""" + "\n" + Done);
        f.EnqueueNdjson("""{"model":"m","message":{"role":"assistant","content":"Noon"},"done":false}""" + "\n" + Done);

        var called = OllamaFixture.Accumulate(await f.StreamAsync(OllamaFixture.Ask()));
        var answered = OllamaFixture.Accumulate(await f.StreamAsync(OllamaFixture.Ask()));

        Assert.Equal("get_time", Assert.Single(called.Choices[0].Message.ToolCalls!).Function.Name);
        Assert.Equal(FinishReason.ToolCalls, called.Choices[0].FinishReason);
        Assert.Equal(FinishReason.Stop, answered.Choices[0].FinishReason); // the state was the first stream's only
    }

    [Fact]
    public async Task The_stream_ends_at_the_done_line_even_if_the_connection_stays_open()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await LoopbackUpstream.WriteAndFlushAsync(context, """{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}""" + "\n"
                + """{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":1,"eval_count":1}""" + "\n");
            await Task.Delay(OllamaFixture.Bound, context.RequestAborted);
        });

        var chunks = await f.StreamAsync(OllamaFixture.Ask()).WaitAsync(OllamaFixture.Bound);

        Assert.Equal("Hi", OllamaFixture.Accumulate(chunks).Choices[0].Message.Content);
    }

    [Fact]
    public async Task An_error_line_mid_stream_is_a_classified_provider_error_with_its_message_after_the_content()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueNdjson("""
            {"model":"m","message":{"role":"assistant","content":"Hel"},"done":false}
            {"error":"an error was encountered while running the model: unexpected EOF"}

            """);
        var received = new List<string?>();

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(OllamaFixture.Ask()))
            {
                received.Add(chunk.Choices[0].Delta.Content);
            }
        }).WaitAsync(OllamaFixture.Bound);

        Assert.Equal(["Hel"], received);
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Contains("unexpected EOF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_before_the_done_line_is_a_network_error()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.EnqueueNdjson("""{"model":"m","message":{"role":"assistant","content":"Hel"},"done":false}""" + "\n");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.StreamAsync(OllamaFixture.Ask()));

        Assert.Equal(ProviderErrorCategory.Network, error.Category);
    }

    [Theory]
    [InlineData(404, """{"error":"model \"nope\" not found, try pulling it first"}""", ProviderErrorCategory.Client, false)]
    [InlineData(400, """{"error":"the input length exceeds the context length"}""", ProviderErrorCategory.ContextLengthExceeded, false)]
    [InlineData(500, """{"error":"llama runner process has terminated"}""", ProviderErrorCategory.Server, true)]
    [InlineData(503, """{"error":"server busy, please try again.  maximum pending requests exceeded"}""", ProviderErrorCategory.Server, true)]
    public async Task Error_statuses_classify_with_the_upstream_message(int status, string body, ProviderErrorCategory category, bool retryable)
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson(body, status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => f.Provider.CompleteAsync(OllamaFixture.Ask()));

        Assert.Equal(category, error.Category);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task Embed_sends_texts_and_maps_vectors_usage_and_the_requested_encoding()
    {
        await using var f = await OllamaFixture.StartAsync("keep_alive: 5m");
        f.Upstream.EnqueueJson("""{"model":"nomic-embed-text","embeddings":[[0.5,-1.25],[2,0]],"total_duration":1,"prompt_eval_count":7}""");
        var request = new EmbeddingRequest
        {
            Model = "nomic-embed-text",
            Input = EmbeddingInput.FromTexts(["a", "b"]),
            Dimensions = 2,
            EncodingFormat = "base64",
            AdditionalProperties = new() { ["truncate"] = JsonDocument.Parse("false").RootElement.Clone(), ["num_ctx"] = JsonDocument.Parse("2048").RootElement.Clone() },
        };

        var response = await f.Provider.EmbedAsync(request);

        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("/api/embed", sent.Uri.AbsolutePath);
        Assert.Equal("""{"model":"nomic-embed-text","input":["a","b"],"dimensions":2,"truncate":false,"keep_alive":"5m","options":{"num_ctx":2048}}""", sent.Body);
        Assert.Equal([0, 1], response.Data.Select(d => d.Index));
        Assert.Equal([0.5f, -1.25f], response.Data[0].Vector.Values);
        Assert.Equal(EmbeddingEncoding.Base64, response.Data[1].Vector.Encoding);
        Assert.Equal(7, response.Usage!.PromptTokens);
        Assert.Equal("nomic-embed-text", response.Model);
    }

    [Fact]
    public async Task Embed_with_fewer_vectors_than_inputs_is_an_upstream_fault()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"model":"m","embeddings":[[1]]}""");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => f.Provider.EmbedAsync(new EmbeddingRequest { Model = "m", Input = EmbeddingInput.FromTexts(["a", "b"]) }));

        Assert.True(error.IsRetryable);
        Assert.Contains("1 embeddings for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_listed_from_api_tags()
    {
        await using var f = await OllamaFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2025-05-04T17:37:44.706015396-07:00","size":2019393189,"details":{"family":"llama"}},{"name":"nomic-embed-text:latest"}]}""");

        var list = await f.Provider.ListModelsAsync();

        Assert.Equal("GET /api/tags", Assert.Single(f.Upstream.Requests) is var r ? r.Method + " " + r.Uri.AbsolutePath : null);
        Assert.Equal(["llama3.2:latest", "nomic-embed-text:latest"], list.Data.Select(m => m.Id));
        Assert.Equal(DateTimeOffset.Parse("2025-05-04T17:37:44.706015396-07:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), list.Data[0].Created);
        Assert.Equal("ollama", list.Data[1].OwnedBy);
    }
}
