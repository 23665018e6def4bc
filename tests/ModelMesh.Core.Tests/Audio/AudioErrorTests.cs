using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers;

namespace ModelMesh.Core.Tests.Audio;

public class AudioErrorTests
{
    private static Task Call(BaseProvider provider, string kind) => kind == "speech"
        ? provider.SpeechAsync(new SpeechRequest { Model = "tts-1", Input = "Hi", Voice = "alloy" })
        : provider.TranscribeAsync(new TranscriptionRequest { Model = "whisper-1", File = new byte[] { 1, 2, 3 }, FileName = "a.mp3" });

    [Theory]
    [InlineData("speech")]
    [InlineData("transcription")]
    public async Task Unauthorized_is_an_authentication_error(string kind)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"No API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""", 401);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => Call(f.Provider, kind));
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Equal("test-provider", error.ProviderId);
    }

    [Theory]
    [InlineData("speech")]
    [InlineData("transcription")]
    public async Task Too_many_requests_is_a_rate_limit_with_the_retry_after_delay(string kind)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}""", 429,
            new Dictionary<string, string> { ["Retry-After"] = "7" });

        var error = await Assert.ThrowsAsync<RateLimitException>(() => Call(f.Provider, kind));
        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Theory]
    [InlineData("speech")]
    [InlineData("transcription")]
    public async Task Server_error_is_retryable(string kind)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}""", 500);

        var error = await Assert.ThrowsAsync<ProviderException>(() => Call(f.Provider, kind));
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Contains("The server had an error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("speech", 401)]
    [InlineData("transcription", 401)]
    [InlineData("speech", 200)]
    [InlineData("transcription", 200)]
    public async Task Secrets_echoed_by_the_upstream_never_reach_the_error(string kind, int status)
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("p", url)
        {
            ApiKey = ProviderFixture.ApiKey,
            Headers = new Dictionary<string, string> { ["x-custom-token"] = "tok-9a8b7c6d5e4f" },
        });
        f.Upstream.EnqueueJson("{\"error\":{\"message\":\"Incorrect API key provided: " + ProviderFixture.ApiKey + " (tok-9a8b7c6d5e4f)\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => Call(f.Provider, kind));

        Assert.Equal(status == 200 ? null : status, error.StatusCode); // 200: the in-band path redacts too
        foreach (var text in new[] { error.Message, error.ToString(), error.Classification.ToString() })
        {
            Assert.DoesNotContain(ProviderFixture.ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("tok-9a8b7c6d5e4f", text, StringComparison.Ordinal);
        }
        Assert.Contains("Incorrect API key provided: ***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_hooks_are_appended_after_the_existing_ones()
    {
        // Persisted or compiled-in hook values must not move.
        Assert.Equal(10, (int)ProviderHook.ParseModelsResponse);
        Assert.Equal(
            [ProviderHook.GetSpeechEndpoint, ProviderHook.BuildSpeechPayload, ProviderHook.ParseSpeechResponse,
             ProviderHook.GetTranscriptionEndpoint, ProviderHook.BuildTranscriptionContent, ProviderHook.ParseTranscriptionResponse],
            Enum.GetValues<ProviderHook>().Skip(11).Take(6));
        Assert.True(ProviderHook.BuildSpeechContent > ProviderHook.ParseTranscriptionResponse); // added after them, moving none
    }
}
