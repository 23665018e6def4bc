using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Providers;

public class HostileRetryAfterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("Retry-After", "1e12")]
    [InlineData("Retry-After", "Infinity")]
    [InlineData("Retry-After", "300000000000")]
    [InlineData("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("retry-after-ms", "Infinity")]
    [InlineData("retry-after-ms", "1e300")]
    public async Task A_hostile_retry_after_header_is_a_rate_limit_with_the_longest_rest(string header, string value)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("{\"error\":{\"message\":\"Slow down.\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", 429, new Dictionary<string, string> { [header] = value });

        var error = await Assert.ThrowsAsync<RateLimitException>(() => f.Provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, error.RetryAfter);
        Assert.True(error.IsRetryable);
    }

    [Theory]
    [InlineData("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"x\",\"details\":[{\"retryDelay\":\"1e12s\"}]}}")]
    [InlineData("{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Please try again in 99999999999h.\"}}")]
    public async Task A_hostile_retry_delay_in_the_body_is_a_rate_limit_with_the_longest_rest(string body)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson(body, 429);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => f.Provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);

        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, error.RetryAfter);
    }

    [Fact]
    public async Task A_hostile_retry_after_on_a_mid_stream_error_does_not_crash_the_stream()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("Hi") + "event: error\ndata: {\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Please try again in 9999999999999999999999999999999s.\"}}\n\n");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        }).WaitAsync(Bound);

        Assert.Equal(DefaultErrorClassifier.MaxRetryAfter, error.RetryAfter);
    }
}

public class RetryHintProviderTests
{
    [Theory]
    [InlineData(500, "false", false, true)]
    [InlineData(409, "true", true, true)]
    [InlineData(400, "true", true, false)]
    public async Task The_upstreams_x_should_retry_reaches_the_exception_as_its_hint(int status, string hint, bool retryable, bool ignoringHint)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("{\"error\":{\"message\":\"m\",\"type\":\"t\"}}", status, new Dictionary<string, string> { ["x-should-retry"] = hint });

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => f.Provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(bool.Parse(hint), error.Classification.RetryHint);
        Assert.Equal((retryable, ignoringHint), (error.IsRetryable, error.IsRetryableIgnoringHint));
    }
}
