using System.Text;
using Microsoft.Extensions.Time.Testing;
using ModelMesh.Cdk;
using ModelMesh.Providers.AssemblyAI;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.AssemblyAI;

public sealed class AssemblyAITests
{
    public const string ApiKey = "aai-live-SECRET-77e1c0ffee42";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private const string UploadUrl = "https://cdn.assemblyai.com/upload/7f3c2a90-1d2e";

    private static AssemblyAIProvider Provider(LoopbackUpstream upstream, string settingsYaml = "{ poll_interval: 0s }") => new(new ProviderOptions("assemblyai", upstream.BaseUrl)
    {
        ApiKey = ApiKey,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Settings = ConnectorSettings.Parse(settingsYaml),
    });

    private static string Transcript(string status, string? text = null, string? error = null) =>
        "{\"id\":\"5551722-f677-48a6-9287-39c0aafd9ac1\",\"status\":\"" + status + "\""
        + (text is null ? string.Empty : ",\"text\":\"" + text + "\",\"language_code\":\"en_us\",\"audio_duration\":12.5,\"confidence\":0.93,"
            + "\"words\":[{\"text\":\"Hello\",\"start\":250,\"end\":650,\"confidence\":0.98,\"speaker\":null},{\"text\":\"world.\",\"start\":730,\"end\":1100,\"confidence\":0.91,\"speaker\":null}]")
        + (error is null ? string.Empty : ",\"error\":\"" + error + "\"")
        + ",\"audio_url\":\"" + UploadUrl + "\",\"speech_model\":\"best\"}";

    private static TranscriptionRequest Request(string language = "en") => new()
    {
        Model = "assemblyai-best",
        File = Encoding.ASCII.GetBytes("RIFF-fake-wav-bytes"),
        FileName = "hello.wav",
        FileContentType = "audio/wav",
        Language = language,
    };

    [Fact]
    public async Task Uploads_the_audio_raw_submits_the_job_and_polls_until_it_completes()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson(Transcript("queued"));
        upstream.EnqueueJson(Transcript("processing"));
        upstream.EnqueueJson(Transcript("completed", "Hello world."));

        var response = await provider.TranscribeAsync(Request()).WaitAsync(Bound);

        Assert.Equal("Hello world.", response.Text);
        Assert.Equal("en_us", response.Language);
        Assert.Equal(12.5, response.Duration);
        Assert.Equal(12.5, response.Usage!.Seconds);
        Assert.Equal(["Hello", "world."], response.Words!.Select(w => w.Word));
        Assert.Equal(0.25, response.Words![0].Start);
        Assert.Equal(1.1, response.Words![1].End);

        var requests = upstream.Requests;
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal(ApiKey, r.Header("Authorization"))); // the bare key, no "Bearer"
        Assert.All(requests, r => Assert.DoesNotContain(ApiKey, r.Uri.ToString(), StringComparison.Ordinal));
        Assert.Equal(("POST", "/v2/upload"), (requests[0].Method, requests[0].Uri.AbsolutePath));
        Assert.Equal("application/octet-stream", requests[0].Header("Content-Type"));
        Assert.Equal("RIFF-fake-wav-bytes", requests[0].Body);
        Assert.Equal(("POST", "/v2/transcript"), (requests[1].Method, requests[1].Uri.AbsolutePath));
        Assert.Equal("{\"audio_url\":\"" + UploadUrl + "\",\"speech_model\":\"best\",\"language_code\":\"en\"}", requests[1].Body);
        Assert.All(requests.Skip(2), r => Assert.Equal(("GET", "/v2/transcript/5551722-f677-48a6-9287-39c0aafd9ac1"), (r.Method, r.Uri.AbsolutePath)));
    }

    [Fact]
    public async Task Without_a_language_detection_is_asked_for_and_a_borrowed_stream_is_left_open_where_it_was()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson(Transcript("completed", "ok"));
        using var audio = new MemoryStream(Encoding.ASCII.GetBytes("XXstream-audio"));
        audio.Position = 2;

        var request = new TranscriptionRequest { Model = "assemblyai-nano", FileStream = audio, FileName = "a.mp3" };
        Assert.Equal("ok", (await provider.TranscribeAsync(request).WaitAsync(Bound)).Text);

        Assert.Equal("stream-audio", upstream.Requests[0].Body);
        Assert.Equal("{\"audio_url\":\"" + UploadUrl + "\",\"speech_model\":\"nano\",\"language_detection\":true}", upstream.Requests[1].Body);
        Assert.True(audio.CanRead); // not disposed: a failover to another provider reads it again
        Assert.Equal(2, audio.Position);
    }

    [Fact]
    public async Task A_transcript_that_never_completes_is_a_timeout_error_after_max_polls_not_a_hang()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream, "{ poll_interval: 0s, max_polls: 3 }");
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(Transcript("processing"))));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.TranscribeAsync(Request())).WaitAsync(Bound);

        Assert.Equal(ProviderErrorCategory.Timeout, error.Classification.Category);
        Assert.Contains("after 3 polls", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 1 + 3, upstream.Requests.Count); // upload, submit, three polls
    }

    [Fact]
    public async Task A_failed_job_is_a_client_error_that_is_not_retried()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson(Transcript("queued"));
        upstream.EnqueueJson(Transcript("error", error: "Transcoding failed. File does not appear to contain audio."));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.TranscribeAsync(Request())).WaitAsync(Bound);

        Assert.Equal(ProviderErrorCategory.Client, error.Classification.Category);
        Assert.False(error.Classification.IsRetryable);
        Assert.Contains("does not appear to contain audio", error.Classification.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, ProviderErrorCategory.Authentication, false)]
    [InlineData(429, ProviderErrorCategory.RateLimit, true)]
    [InlineData(500, ProviderErrorCategory.Server, true)]
    public async Task Http_errors_on_any_step_are_classified_by_status_and_never_carry_the_key(int status, ProviderErrorCategory category, bool retryable)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream);
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson("{\"error\":\"Authentication error, API token " + ApiKey + " missing or invalid\"}", status);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.TranscribeAsync(Request())).WaitAsync(Bound);

        Assert.Equal(category, error.Classification.Category);
        Assert.Equal(retryable, error.Classification.IsRetryable);
        Assert.Equal(status, error.StatusCode);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_wait_between_polls_and_is_nobodys_failure()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Provider(upstream, "{ poll_interval: 5m }");
        using var cancel = new CancellationTokenSource();
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.Enqueue(async (context, _) =>
        {
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(Transcript("queued")));
            await cancel.CancelAsync();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.TranscribeAsync(Request(), cancel.Token)).WaitAsync(Bound);

        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task A_config_file_naming_the_connector_transcribes_through_the_mesh()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson(Transcript("completed", "from assemblyai"));
        var path = Path.Combine(Path.GetTempPath(), "mm-assemblyai-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, $$"""
            providers:
              assemblyai:
                connector: assemblyai.stt.v1
                config: { api_key: "${env:ASSEMBLYAI_API_KEY}", base_url: "{{upstream.BaseUrl}}", poll_interval: 0s, max_polls: 5 }
            models:
              assemblyai.assemblyai-best:
                provider: assemblyai
                capabilities: [speech-to-text]
            pools:
              ears:
                capability: speech-to-text
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false, Environment = n => n == "ASSEMBLYAI_API_KEY" ? ApiKey : null });
            var request = Request();
            request.Model = "speech-to-text";
            var response = await mesh.Audio.Transcriptions.CreateAsync(request).WaitAsync(Bound);

            Assert.Equal("from assemblyai", response.Text);
            Assert.Contains("\"speech_model\":\"best\"", upstream.Requests[1].Body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_registry_knows_the_connector_its_key_variable_and_per_request_prices()
    {
        var connector = ConnectorRegistry.Get("assemblyai.stt.v1");

        Assert.Equal("ASSEMBLYAI_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(["poll_interval", "max_polls"], connector.SettingKeys);
        Assert.Equal(0.015m, connector.Catalogue.Single(m => m.Id == "assemblyai.assemblyai-best").Pricing!.PerRequest);
        Assert.Equal(0.005m, connector.Catalogue.Single(m => m.Id == "assemblyai.assemblyai-nano").Pricing!.PerRequest);
    }

    [Fact]
    public async Task Polls_wait_the_poll_interval_on_the_providers_clock()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var start = clock.GetUtcNow();
        using var provider = new AssemblyAIProvider(new ProviderOptions("assemblyai", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = clock,
            Settings = ConnectorSettings.Parse("poll_interval: 10m"), // a wait on the real clock would outlast the test's bound
        });
        var polledAt = new List<DateTimeOffset>();
        upstream.EnqueueJson("{\"upload_url\":\"" + UploadUrl + "\"}");
        upstream.EnqueueJson(Transcript("queued"));
        upstream.Enqueue((context, _) =>
        {
            polledAt.Add(clock.GetUtcNow());
            return LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(Transcript("processing")));
        });
        upstream.Enqueue((context, _) =>
        {
            polledAt.Add(clock.GetUtcNow());
            return LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(Transcript("completed", "tick")));
        });

        var transcribe = provider.TranscribeAsync(Request());
        using var bound = new CancellationTokenSource(Bound);
        while (!transcribe.IsCompleted && !bound.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        Assert.Equal("tick", (await transcribe.WaitAsync(Bound)).Text);
        Assert.Equal(2, polledAt.Count);
        Assert.True(polledAt[0] - start >= TimeSpan.FromMinutes(10), $"first poll at +{polledAt[0] - start}");
        Assert.True(polledAt[1] - polledAt[0] >= TimeSpan.FromMinutes(10), $"second poll {polledAt[1] - polledAt[0]} after the first");
    }
}
