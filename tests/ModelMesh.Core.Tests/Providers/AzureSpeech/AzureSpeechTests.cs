using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers.ElevenLabs;
using ModelMesh.Providers.AzureSpeech;
using ModelMesh.Providers.ElevenLabs;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.AzureSpeech;

public sealed class AzureSpeechTests
{
    public const string ApiKey = "az-speech-SECRET-0a1b2c3d4e5f";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static AzureSpeechProvider Provider(LoopbackUpstream upstream, string? settingsYaml = null) => new(new ProviderOptions("azure", upstream.BaseUrl)
    {
        ApiKey = ApiKey,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Settings = settingsYaml is null ? null : ConnectorSettings.Parse(settingsYaml),
    });

    [Fact]
    public async Task Speech_posts_escaped_ssml_with_the_output_format_and_the_key_only_in_its_header()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        var audio = Enumerable.Range(0, 700).Select(i => (byte)(i * 7)).ToArray();
        upstream.EnqueueBytes(audio, "audio/mpeg");

        var result = await provider.SpeechAsync(new SpeechRequest { Model = "en-US-JennyNeural", Input = "Tom & \"Jerry\" <break time='3s'/> it's 1 < 2" }).WaitAsync(Bound);

        Assert.Equal(audio, result.Audio.ToArray());
        Assert.Equal("mp3", result.Format);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/cognitiveservices/v1", sent.Uri.AbsolutePath);
        Assert.Equal(ApiKey, sent.Header("Ocp-Apim-Subscription-Key"));
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal("audio-24khz-48kbitrate-mono-mp3", sent.Header("X-Microsoft-OutputFormat"));
        Assert.StartsWith("application/ssml+xml", sent.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(sent.Header("User-Agent")));
        // The text is data: the markup in it is escaped, not spoken as a three-second pause.
        Assert.Equal(
            """<speak version="1.0" xml:lang="en-US" xmlns="http://www.w3.org/2001/10/synthesis"><voice name="en-US-JennyNeural">Tom &amp; "Jerry" &lt;break time='3s'/&gt; it's 1 &lt; 2</voice></speak>""",
            sent.Body);
    }

    [Fact]
    public async Task The_request_voice_speed_and_format_are_sent_as_ssml_and_header()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueBytes([1, 2], "audio/x-wav");

        var result = await provider.SpeechAsync(new SpeechRequest { Model = "en-US-JennyNeural", Voice = "de-DE-KatjaNeural", Input = "Hallo", ResponseFormat = "wav", Speed = 1.25 }).WaitAsync(Bound);

        Assert.Equal("wav", result.Format);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("riff-24khz-16bit-mono-pcm", sent.Header("X-Microsoft-OutputFormat"));
        Assert.Equal(
            """<speak version="1.0" xml:lang="de-DE" xmlns="http://www.w3.org/2001/10/synthesis"><voice name="de-DE-KatjaNeural"><prosody rate="1.25">Hallo</prosody></voice></speak>""",
            sent.Body);
    }

    [Fact]
    public void The_region_picks_the_host_while_the_base_url_is_azures_own_and_a_bad_region_fails_at_construction()
    {
        Assert.Equal("https://westeurope.tts.speech.microsoft.com/cognitiveservices/v1",
            AzureSpeechSettings.RegionEndpoint(new Uri(AzureSpeechSettings.DefaultBaseUrl), "westeurope"));
        Assert.Equal("https://eastus.tts.speech.microsoft.com/cognitiveservices/v1",
            AzureSpeechSettings.RegionEndpoint(new Uri(AzureSpeechSettings.DefaultBaseUrl), null));
        Assert.Null(AzureSpeechSettings.RegionEndpoint(new Uri("http://127.0.0.1:5000"), "westeurope"));

        var error = Assert.Throws<ArgumentException>(() => new AzureSpeechProvider(new ProviderOptions("azure", AzureSpeechSettings.DefaultBaseUrl)
        {
            ApiKey = ApiKey,
            Settings = ConnectorSettings.Parse("region: evil.example.com/x"),
        }));
        Assert.Contains("'region'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, ProviderErrorCategory.Authentication, false)]
    [InlineData(429, ProviderErrorCategory.RateLimit, true)]
    [InlineData(400, ProviderErrorCategory.Client, false)]
    [InlineData(502, ProviderErrorCategory.Server, true)]
    public async Task Empty_error_bodies_are_classified_by_their_status(int status, ProviderErrorCategory category, bool retryable)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueBytes([], "text/plain", status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.SpeechAsync(new SpeechRequest { Model = "en-US-AndrewNeural", Input = "a" })).WaitAsync(Bound);

        Assert.Equal(category, error.Classification.Category);
        Assert.Equal(retryable, error.Classification.IsRetryable);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_fails_over_from_ElevenLabs_to_Azure_through_a_mesh()
    {
        await using var eleven = await LoopbackUpstream.StartAsync();
        await using var azure = await LoopbackUpstream.StartAsync();
        eleven.EnqueueJson("""{"detail":{"status":"system_busy","message":"busy"}}""", 503);
        azure.EnqueueBytes([42, 43], "audio/mpeg");
        using var mesh = new MeshBuilder()
            .AddProvider(ElevenLabsTests.Provider(eleven))
            .AddProvider(Provider(azure))
            .AddModels(
                new ModelDefinition { Id = "elevenlabs.eleven_multilingual_v2", ProviderId = "elevenlabs", UpstreamModel = "eleven_multilingual_v2", Capabilities = ["text-to-speech"] },
                new ModelDefinition { Id = "azure.en-US-JennyNeural", ProviderId = "azure", UpstreamModel = "en-US-JennyNeural", Capabilities = ["text-to-speech"] })
            .AddPool(new PoolDefinition
            {
                Id = "voice",
                Capability = "text-to-speech",
                Strategy = RotationStrategies.StickUntilFailure,
                Retry = Routing.MeshFixture.FastRetry with { MaxAttempts = 1 },
            })
            .Build();

        var result = await mesh.Audio.Speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Hello" }).WaitAsync(Bound);

        Assert.Equal([42, 43], result.Audio.ToArray());
        Assert.Single(eleven.Requests);
        Assert.Contains(">Hello</voice>", Assert.Single(azure.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_knows_the_connector_and_its_voice_catalogue()
    {
        var connector = ConnectorRegistry.Get("azure.tts.v1");

        Assert.Contains("region", connector.SettingKeys);
        Assert.Contains(connector.Catalogue, m => m.Id == "azure.en-US-JennyNeural");
        Assert.Contains(connector.Catalogue, m => m.Id == "azure.en-US-AndrewNeural");
        using var provider = connector.Create(new ProviderOptions("azure", "http://127.0.0.1:9") { ApiKey = "k" }, null);
        Assert.IsType<AzureSpeechProvider>(provider);
    }
}
