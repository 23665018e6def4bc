using System.Text;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>Error bodies and headers from the captures, classified by the connector.</summary>
public sealed class AnthropicErrorTests
{
    private static readonly string[] HopByHop = ["content-type", "content-length", "connection"];

    private static Dictionary<string, string> CapturedHeaders(string name) =>
        ConformanceCaptures.ReadHeaders("anthropic/" + name).Headers
            .Where(h => !HopByHop.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

    private static async Task<ProviderException> FailAsync(Action<AnthropicFixture> script, bool stream = false)
    {
        await using var f = await AnthropicFixture.StartAsync();
        script(f);
        Func<Task> call = stream ? () => f.StreamAsync(AnthropicFixture.Ask()) : () => f.Provider.CompleteAsync(AnthropicFixture.Ask());
        return await Assert.ThrowsAnyAsync<ProviderException>(call).WaitAsync(AnthropicFixture.Bound);
    }

    [Fact]
    public async Task A_400_invalid_request_is_a_client_error_and_x_should_retry_false_is_kept_as_the_hint()
    {
        var error = await FailAsync(f => f.AnswerJson("error-400.json", 400, new Dictionary<string, string> { ["x-should-retry"] = "false" }));

        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Classification.Type);
        Assert.False(error.Classification.RetryHint);
        Assert.Contains("unexpected `tool_use_id` found in `tool_result` blocks", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the capture was the answer to a stream request: plain JSON before any event
    public async Task A_429_with_its_captured_headers_is_a_retryable_rate_limit_with_the_upstreams_hint(bool stream)
    {
        var error = await FailAsync(f => f.AnswerJson("error-429.json", 429, CapturedHeaders("error-429.headers.txt")), stream);

        var rateLimit = Assert.IsType<RateLimitException>(error);
        Assert.True(rateLimit.IsRetryable);
        Assert.True(rateLimit.Classification.RetryHint);
        Assert.Equal("rate_limit_error", rateLimit.Classification.Type);
        Assert.Null(rateLimit.RetryAfter); // the capture has no retry-after
    }

    [Fact]
    public async Task A_429_with_retry_after_carries_the_delay()
    {
        var error = await FailAsync(f => f.AnswerJson("error-429.json", 429, new Dictionary<string, string> { ["retry-after"] = "17" }));

        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_529_is_overloaded_a_retryable_server_error(bool stream)
    {
        var error = await FailAsync(f => f.AnswerJson("error-529-overloaded.json", 529), stream);

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Equal(529, error.StatusCode);
        Assert.Equal("overloaded_error", error.Classification.Type);
        Assert.Equal("Overloaded", error.Classification.Message);
    }

    [Fact]
    public async Task A_prompt_that_is_too_long_is_a_context_length_error()
    {
        // The Messages API's wording for a prompt over the window (invalid_request_error, 400).
        var error = await FailAsync(f => f.Upstream.EnqueueJson("""{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}""", 400));

        Assert.IsType<ContextLengthExceededException>(error);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData(401, "authentication_error", ProviderErrorCategory.Authentication)]
    [InlineData(403, "permission_error", ProviderErrorCategory.Authentication)]
    [InlineData(402, "billing_error", ProviderErrorCategory.QuotaExhausted)]
    [InlineData(404, "not_found_error", ProviderErrorCategory.Client)]
    [InlineData(413, "request_too_large", ProviderErrorCategory.Client)]
    [InlineData(500, "api_error", ProviderErrorCategory.Server)]
    public async Task Error_types_classify_the_same_by_status_and_as_a_stream_event(int status, string type, ProviderErrorCategory category)
    {
        var body = $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"m"}}""";

        var byStatus = await FailAsync(f => f.Upstream.EnqueueJson(body, status));
        var inStream = await FailAsync(f => f.Upstream.EnqueueSse("event: error\ndata: " + body + "\n\n"), stream: true);

        Assert.Equal(category, byStatus.Category);
        Assert.Equal(category, inStream.Category);
        Assert.Equal(byStatus.IsRetryable, inStream.IsRetryable);
        Assert.Equal(type, inStream.Classification.Type);
    }

    [Fact]
    public async Task An_error_message_that_echoes_the_key_never_shows_it()
    {
        var error = await FailAsync(f => f.Upstream.EnqueueJson(
            $$$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: {{{AnthropicFixture.ApiKey}}}"}}""", 401));

        Assert.IsType<AuthenticationException>(error);
        Assert.DoesNotContain(AnthropicFixture.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_error_after_content_ends_the_stream_after_the_delivered_text()
    {
        await using var f = await AnthropicFixture.StartAsync();
        var capture = Encoding.UTF8.GetString(AnthropicFixture.Capture("messages-stream.sse"));
        var cut = capture.IndexOf("event: content_block_stop", StringComparison.Ordinal);
        f.Upstream.EnqueueSse(capture[..cut] + Encoding.UTF8.GetString(AnthropicFixture.Capture("stream-error-overloaded.sse")));
        var text = new StringBuilder();

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(AnthropicFixture.Ask()))
            {
                text.Append(chunk.Choices[0].Delta.Content);
            }
        }).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal("The weather in San Francisco, CA is currently:\n- **Temperature:** 68°F\n- **Condition:** Sunny\n\nIt's a nice sunny day!", text.ToString());
        Assert.Equal("overloaded_error", error.Classification.Type);
        Assert.True(error.IsRetryable);
    }
}
