using ModelMesh.Cdk;
using ModelMesh.Providers.ElevenLabs;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.ElevenLabs;

public sealed class ElevenLabsTests
{
    public const string ApiKey = "el-live-SECRET-9f8e7d6c5b4a";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    internal static ElevenLabsProvider Provider(LoopbackUpstream upstream, string? settingsYaml = null) => new(new ProviderOptions("elevenlabs", upstream.BaseUrl)
    {
        ApiKey = ApiKey,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Settings = settingsYaml is null ? null : ConnectorSettings.Parse(settingsYaml),
    });

    private static byte[] Audio() => Enumerable.Range(0, 1024).Select(i => (byte)(255 - i % 256)).ToArray();

    [Fact]
    public async Task Speech_posts_to_the_default_voice_with_the_output_format_and_the_key_only_in_xi_api_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        var audio = Audio();
        upstream.EnqueueBytes(audio, "audio/mpeg");

        var result = await provider.SpeechAsync(new SpeechRequest { Model = "eleven_multilingual_v2", Input = "Hello there" }).WaitAsync(Bound);

        Assert.Equal(audio, result.Audio.ToArray());
        Assert.Equal("audio/mpeg", result.ContentType);
        Assert.Equal("mp3", result.Format);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM", sent.Uri.AbsolutePath);
        Assert.Equal("?output_format=mp3_44100_128", sent.Uri.Query);
        Assert.Equal(ApiKey, sent.Header("xi-api-key"));
        Assert.Null(sent.Header("Authorization"));
        Assert.DoesNotContain(ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("""{"text":"Hello there","model_id":"eleven_multilingual_v2","voice_settings":{"stability":0.5,"similarity_boost":0.75}}""", sent.Body);
    }

    [Fact]
    public async Task The_request_voice_speed_and_format_and_the_configured_settings_are_sent()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream, "{ voice_id: cfgVoice, stability: 0.3, similarity_boost: 0.9 }");
        upstream.EnqueueBytes([1, 2, 3], "audio/pcm");
        upstream.EnqueueBytes([4, 5, 6], "audio/mpeg");

        var pcm = await provider.SpeechAsync(new SpeechRequest { Model = "eleven_turbo_v2_5", Input = "a", Voice = "pNInz6obpgDQGcFmaJgB", ResponseFormat = "pcm", Speed = 1.1 }).WaitAsync(Bound);
        await provider.SpeechAsync(new SpeechRequest { Model = "eleven_turbo_v2_5", Input = "b" }).WaitAsync(Bound);

        Assert.Equal("pcm", pcm.Format);
        Assert.Equal("/v1/text-to-speech/pNInz6obpgDQGcFmaJgB", upstream.Requests[0].Uri.AbsolutePath);
        Assert.Equal("?output_format=pcm_24000", upstream.Requests[0].Uri.Query);
        Assert.Equal("""{"text":"a","model_id":"eleven_turbo_v2_5","voice_settings":{"stability":0.3,"similarity_boost":0.9,"speed":1.1}}""", upstream.Requests[0].Body);
        Assert.Equal("/v1/text-to-speech/cfgVoice", upstream.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_format_ElevenLabs_cannot_produce_is_a_precise_argument_error_and_nothing_is_sent()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.SpeechAsync(new SpeechRequest { Model = "eleven_multilingual_v2", Input = "a", ResponseFormat = "flac" })).WaitAsync(Bound);

        Assert.Contains("response_format 'flac'", error.Message, StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }

    [Theory]
    [InlineData(401, """{"detail":{"status":"quota_exceeded","message":"This request exceeds your quota of 10000."}}""", ProviderErrorCategory.QuotaExhausted, false, "quota_exceeded")]
    [InlineData(401, """{"detail":{"status":"invalid_api_key","message":"Invalid API key: el-live-SECRET-9f8e7d6c5b4a"}}""", ProviderErrorCategory.Authentication, false, "invalid_api_key")]
    [InlineData(400, """{"detail":{"status":"voice_not_found","message":"A voice with the voice_id x was not found."}}""", ProviderErrorCategory.Client, false, "voice_not_found")]
    [InlineData(422, """{"detail":[{"loc":["body","text"],"msg":"field required","type":"value_error.missing"}]}""", ProviderErrorCategory.Client, false, null)]
    [InlineData(503, """{"detail":{"status":"service_unavailable","message":"busy"}}""", ProviderErrorCategory.Server, true, null)]
    public async Task Errors_are_classified_by_their_detail_status_and_never_carry_the_key(int status, string body, ProviderErrorCategory category, bool retryable, string? code)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson(body, status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.SpeechAsync(new SpeechRequest { Model = "eleven_multilingual_v2", Input = "a" })).WaitAsync(Bound);

        Assert.Equal(category, error.Classification.Category);
        Assert.Equal(retryable, error.Classification.IsRetryable);
        if (code is not null)
        {
            Assert.Equal(code, error.Classification.Code);
        }
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_is_retryable_after_its_Retry_After()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson("""{"detail":{"status":"too_many_concurrent_requests","message":"Too many concurrent requests."}}""", 429, new Dictionary<string, string> { ["Retry-After"] = "7" });

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.SpeechAsync(new SpeechRequest { Model = "eleven_multilingual_v2", Input = "a" })).WaitAsync(Bound);

        Assert.Equal(ProviderErrorCategory.RateLimit, error.Classification.Category);
        Assert.True(error.Classification.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.Classification.RetryAfter);
    }

    [Fact]
    public void The_registry_knows_the_connector_its_key_variable_settings_and_catalogue()
    {
        var connector = ConnectorRegistry.Get("elevenlabs.tts.v1");

        Assert.Equal("ELEVENLABS_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://api.elevenlabs.io"), connector.DefaultBaseUrl);
        Assert.Contains("voice_id", connector.SettingKeys);
        var model = connector.Catalogue.Single(m => m.Id == "elevenlabs.eleven_multilingual_v2");
        Assert.EndsWith("text-to-speech", Assert.Single(model.Capabilities), StringComparison.Ordinal);
        Assert.True(model.Pricing!.InputPer1K > 0);
        Assert.Contains(connector.Catalogue, m => m.Id == "elevenlabs.eleven_turbo_v2_5");
    }

    [Fact]
    public async Task A_config_file_naming_the_connector_speaks_through_the_mesh()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes([9, 8, 7], "audio/mpeg");
        var path = Path.Combine(Path.GetTempPath(), "mm-elevenlabs-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, $$"""
            providers:
              elevenlabs:
                connector: elevenlabs.tts.v1
                config: { api_key: "${env:ELEVENLABS_API_KEY}", base_url: "{{upstream.BaseUrl}}", voice_id: Bella123 }
            models:
              elevenlabs.eleven_multilingual_v2:
                provider: elevenlabs
                capabilities: [text-to-speech]
            pools:
              voice:
                capability: text-to-speech
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false, Environment = n => n == "ELEVENLABS_API_KEY" ? ApiKey : null });
            var result = await mesh.Audio.Speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Hi" }).WaitAsync(Bound);

            Assert.Equal([9, 8, 7], result.Audio.ToArray());
            var sent = Assert.Single(upstream.Requests);
            Assert.Equal("/v1/text-to-speech/Bella123", sent.Uri.AbsolutePath);
            Assert.Equal(ApiKey, sent.Header("xi-api-key"));
            Assert.Contains("\"model_id\":\"eleven_multilingual_v2\"", sent.Body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
