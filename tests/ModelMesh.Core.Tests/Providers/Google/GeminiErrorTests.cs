using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Google;

/// <summary>Gemini's google.rpc errors, in-band stream errors and safety blocks, classified.</summary>
public sealed class GeminiErrorTests
{
    [Fact]
    public async Task A_bad_key_400_is_an_authentication_failure_and_the_key_it_echoes_is_redacted()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("error-400-api-key.json"), status: 400);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));

        Assert.False(error.IsRetryable);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("API key not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GeminiFixture.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_RetryInfo_is_a_retryable_rate_limit_with_its_retry_delay()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson(GeminiFixture.Capture("error-429-retry-info.json"), status: 429);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));

        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(34.4), error.RetryAfter);
        Assert.Equal("429", error.ErrorCode); // google.rpc code first, as the default classifier reads it
    }

    [Fact]
    public async Task A_503_overloaded_is_a_retryable_server_error()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson("""{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""", status: 503);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task An_error_event_mid_stream_ends_the_stream_with_its_classified_error_after_the_delivered_text()
    {
        await using var fx = await GeminiFixture.StartAsync();
        var first = GeminiFixture.Capture("stream-generate-content.sse").Split("\r\n\r\n")[0] + "\r\n\r\n";
        fx.Upstream.EnqueueSse(first + "data: " + GeminiFixture.Capture("error-429-retry-info.json").ReplaceLineEndings("") + "\r\n\r\n");
        var texts = new List<string?>();

        var error = await Assert.ThrowsAsync<RateLimitException>(async () =>
        {
            await foreach (var chunk in fx.Provider.StreamAsync(GeminiFixture.Ask()))
            {
                texts.Add(chunk.Choices[0].Delta.Content);
            }
        });

        Assert.Equal(["The"], texts);
        Assert.Equal(TimeSpan.FromSeconds(34.4), error.RetryAfter);
        Assert.Null(error.StatusCode); // in-band: the HTTP status was 200
    }

    [Fact]
    public async Task A_blocked_prompt_is_a_typed_content_filter_error_whole_or_streamed()
    {
        await using var fx = await GeminiFixture.StartAsync();
        const string blocked = """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}""";
        fx.Upstream.EnqueueJson(blocked).EnqueueSse("data: " + blocked + "\r\n\r\n");

        var whole = await Assert.ThrowsAsync<ContentFilterException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));
        var streamed = await Assert.ThrowsAsync<ContentFilterException>(() => GeminiFixture.CollectAsync(fx.Provider.StreamAsync(GeminiFixture.Ask())));

        Assert.All([whole, streamed], e =>
        {
            Assert.False(e.IsRetryable);
            Assert.Equal("PROHIBITED_CONTENT", e.ErrorCode);
        });
    }

    [Theory]
    [InlineData("SAFETY")]
    [InlineData("PROHIBITED_CONTENT")]
    [InlineData("BLOCKLIST")]
    [InlineData("SPII")]
    public async Task An_answer_withheld_for_safety_before_any_output_is_a_content_filter_error(string reason)
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson($$"""{"candidates":[{"finishReason":"{{reason}}","index":0}],"modelVersion":"gemini-2.5-flash"}""");

        var error = await Assert.ThrowsAsync<ContentFilterException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));

        Assert.Equal(reason, error.ErrorCode);
    }

    [Fact]
    public async Task Safety_after_some_output_keeps_the_output_with_finish_reason_content_filter()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson("""{"candidates":[{"content":{"parts":[{"text":"Here is"}],"role":"model"},"finishReason":"SAFETY"}]}""");

        var completion = await fx.Provider.CompleteAsync(GeminiFixture.Ask());

        Assert.Equal("Here is", completion.Choices[0].Message.Content);
        Assert.Equal(FinishReason.ContentFilter, completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task A_prompt_over_the_token_limit_is_context_length_exceeded_so_a_larger_model_may_take_it()
    {
        await using var fx = await GeminiFixture.StartAsync();
        fx.Upstream.EnqueueJson("""{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}""", status: 400);

        var error = await Assert.ThrowsAsync<ContextLengthExceededException>(() => fx.Provider.CompleteAsync(GeminiFixture.Ask()));

        Assert.False(error.IsRetryable);
    }
}
