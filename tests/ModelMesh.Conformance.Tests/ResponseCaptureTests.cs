using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Conformance.Tests;

/// <summary>The non-streamed OpenAI-format captures: a completion, embeddings (float and base64), the models list, and error bodies.</summary>
public class ResponseCaptureTests
{
    [Fact]
    public async Task Chat_completion_capture_parses_field_for_field()
    {
        await using var server = await CaptureServer.ServeAsync("openai/chat-completion.json");
        var completion = await server.Provider.CompleteAsync(CaptureServer.Request());

        Assert.Equal("chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU", completion.Id);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal(1770950813, completion.Created);
        Assert.Equal("gpt-4o-mini-2024-07-18", completion.Model);
        Assert.Equal("default", completion.ServiceTier);
        Assert.Equal("Sanitized", completion.SystemFingerprint);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal("Hello! How can I assist you today?", choice.Message.Content);
        Assert.Null(choice.Message.Refusal);
        Assert.Equal(JsonValueKind.Array, choice.Message.AdditionalProperties!["annotations"].ValueKind);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal((11, 9, 20), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal(0, completion.Usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(0, completion.Usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(0, completion.Usage.CompletionTokensDetails.RejectedPredictionTokens);

        var sent = Assert.Single(server.Upstream.Requests);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.False(body.RootElement.TryGetProperty("stream", out _));
        Assert.Equal(sent.Body!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("Content-Length"));
    }

    [Fact]
    public async Task Chat_completion_capture_served_to_a_stream_request_becomes_one_chunk()
    {
        // Upstreams that ignore "stream": true answer with JSON; the provider still streams the answer.
        await using var server = await CaptureServer.ServeAsync("openai/chat-completion.json");
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in server.Provider.StreamAsync(CaptureServer.Request()))
        {
            chunks.Add(chunk);
        }
        var only = Assert.Single(chunks);
        Assert.Equal("Hello! How can I assist you today?", only.Choices[0].Delta.Content);
        Assert.Equal("stop", only.Choices[0].FinishReason);
        Assert.Equal(20, only.Usage!.TotalTokens);
    }

    [Fact]
    public async Task Float_embeddings_capture_parses_vectors_and_usage()
    {
        await using var server = await CaptureServer.ServeAsync("openai/embeddings-float.json");
        var response = await server.Provider.EmbedAsync(new EmbeddingRequest { Model = "text-embedding-3-small", Input = new[] { "a", "b" } });

        Assert.Equal("text-embedding-3-small", response.Model);
        Assert.Equal(2, response.Data.Count);
        Assert.Equal([0.0057293195f, -0.012727811f, 0.020042092f, -0.013437585f, 0.022833068f], response.Data[0].Vector.Values);
        Assert.Equal([-0.037104916f, -0.05178114f, -0.008340587f, 0.001164541f, -0.0035253682f], response.Data[1].Vector.Values);
        Assert.Equal(EmbeddingEncoding.Float, response.Data[0].Vector.Encoding);
        Assert.Equal((12, 12), (response.Usage!.PromptTokens, response.Usage.TotalTokens));
    }

    [Fact]
    public async Task Base64_embeddings_capture_decodes_little_endian_float32()
    {
        await using var server = await CaptureServer.ServeAsync("openai/embeddings-base64.json");
        var response = await server.Provider.EmbedAsync(new EmbeddingRequest { Model = "text-embedding-3-small", Input = new[] { "a", "b", "c" }, EncodingFormat = "base64", Dimensions = 456 });

        Assert.Equal(3, response.Data.Count);
        Assert.All(response.Data, d => Assert.Equal(456, d.Vector.Values.Length));
        Assert.Equal(-0.029734965413808823f, response.Data[0].Vector.Values[0]);
        Assert.Equal(-0.03928442299365997f, response.Data[0].Vector.Values[1]);
        Assert.Equal(-0.002673378214240074f, response.Data[0].Vector.Values[2]);
        Assert.Equal(EmbeddingEncoding.Base64, response.Data[0].Vector.Encoding);

        // Re-serialized, each vector is the same base64 text the upstream sent.
        using var original = JsonDocument.Parse(ConformanceCaptures.ReadBytes("openai/embeddings-base64.json"));
        var written = JsonSerializer.SerializeToUtf8Bytes(response, ModelMeshJson.EmbeddingResponse);
        using var roundTrip = JsonDocument.Parse(written);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                original.RootElement.GetProperty("data")[i].GetProperty("embedding").GetString(),
                roundTrip.RootElement.GetProperty("data")[i].GetProperty("embedding").GetString());
        }
    }

    [Fact]
    public async Task Float_embeddings_are_returned_as_base64_when_the_caller_asked_for_base64()
    {
        await using var server = await CaptureServer.ServeAsync("openai/embeddings-float.json");
        var response = await server.Provider.EmbedAsync(new EmbeddingRequest { Model = "m", Input = "a", EncodingFormat = "base64" });
        Assert.All(response.Data, d => Assert.Equal(EmbeddingEncoding.Base64, d.Vector.Encoding));
        Assert.Equal(0.0057293195f, EmbeddingVector.FromBase64(response.Data[0].Vector.ToBase64()).Values[0]);
    }

    [Fact]
    public async Task Models_list_capture_has_96_models()
    {
        await using var server = await CaptureServer.ServeAsync("openai/models-list.json");
        var list = await server.Provider.ListModelsAsync();

        Assert.Equal(96, list.Data.Count);
        Assert.Equal("gpt-4-0613", list.Data[0].Id);
        Assert.Equal(1686588896, list.Data[0].Created);
        Assert.Equal("openai", list.Data[0].OwnedBy);
        Assert.Equal(["microsoft-sdk-team", "openai", "openai-internal", "system"], list.Data.Select(m => m.OwnedBy).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("GET", Assert.Single(server.Upstream.Requests).Method);
    }

    [Fact]
    public async Task Error_400_capture_is_a_client_error_naming_the_parameter()
    {
        await using var server = await CaptureServer.ServeAsync("openai/error-400.json", status: 400);
        var error = await Assert.ThrowsAsync<ProviderException>(() => server.Provider.CompleteAsync(CaptureServer.Request()));
        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_function_parameters", error.ErrorCode);
        Assert.Equal("tools[0].function.parameters", error.Classification.Param);
        Assert.Equal("invalid_request_error", error.Classification.Type);
    }

    [Fact]
    public async Task Error_401_capture_is_an_authentication_error()
    {
        await using var server = await CaptureServer.ServeAsync("openai/error-401.json", status: 401);
        var error = await Assert.ThrowsAsync<AuthenticationException>(() => server.Provider.CompleteAsync(CaptureServer.Request()));
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain(CaptureServer.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_429_capture_is_a_rate_limit_with_the_wait_from_its_message()
    {
        await using var server = await CaptureServer.ServeAsync("openai/error-429.json", status: 429);
        var error = await Assert.ThrowsAsync<RateLimitException>(() => server.Provider.CompleteAsync(CaptureServer.Request()));
        Assert.True(error.IsRetryable);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Equal(TimeSpan.FromMilliseconds(120), error.RetryAfter);
    }

    [Fact]
    public async Task Error_429_insufficient_quota_capture_is_quota_exhausted_and_not_retryable()
    {
        await using var server = await CaptureServer.ServeAsync("openai/error-429-insufficient-quota.json", status: 429);
        var error = await Assert.ThrowsAsync<QuotaExhaustedException>(() => server.Provider.CompleteAsync(CaptureServer.Request()));
        Assert.False(error.IsRetryable);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("insufficient_quota", error.ErrorCode);
    }

    [Fact]
    public async Task Error_500_capture_with_its_headers_is_a_retryable_server_error()
    {
        var captured = ConformanceCaptures.ReadHeaders("openai/error-500.headers.txt");
        var headers = captured.Headers
            .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value);
        await using var server = await CaptureServer.ServeAsync("openai/error-500.json", status: captured.StatusCode!.Value, headers: headers);
        var error = await Assert.ThrowsAsync<ProviderException>(() => server.Provider.CompleteAsync(CaptureServer.Request()));
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Equal(500, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Contains("The server had an error while processing your request.", error.Message, StringComparison.Ordinal);
    }
}
