using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Audio;

public class SpeechTests
{
    private static SpeechRequest Request() => new() { Model = "tts-1", Input = "Hello there", Voice = "alloy" };

    /// <summary>Every byte value, so any text decoding or re-encoding on the way would show.</summary>
    private static byte[] AllByteValues() => Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).Reverse().ToArray();

    [Fact]
    public async Task Speech_posts_exact_openai_json_with_auth_and_returns_the_audio_bytes_intact()
    {
        await using var f = await ProviderFixture.StartAsync();
        var audio = AllByteValues();
        f.Upstream.EnqueueBytes(audio, "audio/mpeg");

        var request = Request();
        request.ResponseFormat = "mp3";
        request.Speed = 1.25;
        request.Instructions = "Speak cheerfully.";
        using var streamFormat = JsonDocument.Parse("\"audio\"");
        request.AdditionalProperties = new() { ["stream_format"] = streamFormat.RootElement.Clone() };
        var result = await f.Provider.SpeechAsync(request);

        Assert.Equal(audio, result.Audio.ToArray());
        Assert.Equal("audio/mpeg", result.ContentType);
        Assert.Equal("mp3", result.Format);
        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/audio/speech", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + ProviderFixture.ApiKey, sent.Header("Authorization"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            """{"model":"tts-1","input":"Hello there","voice":"alloy","response_format":"mp3","speed":1.25,"instructions":"Speak cheerfully.","stream_format":"audio"}""",
            sent.Body);
    }

    [Fact]
    public async Task Unset_speech_fields_are_omitted_from_the_json()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes([1, 2, 3], "audio/mpeg");
        await f.Provider.SpeechAsync(new SpeechRequest { Model = "tts-1", Input = "Hi" });
        Assert.Equal("""{"model":"tts-1","input":"Hi"}""", Assert.Single(f.Upstream.Requests).Body);
    }

    [Fact]
    public async Task Large_audio_streamed_in_chunks_arrives_byte_for_byte()
    {
        await using var f = await ProviderFixture.StartAsync();
        var audio = new byte[1024 * 1024 + 17];
        new Random(42).NextBytes(audio);
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "audio/wav";
            // No Content-Length: Kestrel sends it chunked, in pieces flushed separately.
            for (var offset = 0; offset < audio.Length; offset += 65_000)
            {
                await context.Response.Body.WriteAsync(audio.AsMemory(offset, Math.Min(65_000, audio.Length - offset)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });

        var request = Request();
        request.ResponseFormat = "wav";
        var result = await f.Provider.SpeechAsync(request);

        Assert.Equal(audio.Length, result.Audio.Length);
        Assert.True(audio.AsSpan().SequenceEqual(result.Audio.Span));
        Assert.Equal("wav", result.Format);
        using var stream = result.OpenRead();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(audio, copy.ToArray());
        Assert.False(stream.CanWrite);
    }

    [Theory]
    [InlineData("audio/mpeg", "opus", "mp3")] // the upstream ignored the requested format: the content type is the truth
    [InlineData("audio/flac", null, "flac")]
    [InlineData("audio/x-wav", null, "wav")]
    [InlineData("audio/pcm", "pcm", "pcm")]
    [InlineData("audio/ogg", "opus", "opus")] // opus in an ogg container
    [InlineData("application/octet-stream", "aac", "aac")]
    [InlineData("application/octet-stream", null, "mp3")] // OpenAI's default
    [InlineData("audio/x-m4a", null, "m4a")]
    public async Task Format_comes_from_the_content_type_then_the_request(string contentType, string? requested, string expected)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes([0xFF, 0xF3, 0x00], contentType);
        var request = Request();
        request.ResponseFormat = requested;
        var result = await f.Provider.SpeechAsync(request);
        Assert.Equal(expected, result.Format);
        Assert.Equal(contentType, result.ContentType);
    }

    [Fact]
    public async Task Json_error_with_a_200_status_is_an_in_band_error_not_audio()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"Voice 'bogus' is not available.","type":"invalid_request_error","param":"voice","code":"invalid_voice"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.SpeechAsync(Request()));
        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Null(error.StatusCode); // in-band: the HTTP status said success
        Assert.Equal("invalid_voice", error.ErrorCode);
        Assert.Equal("voice", error.Classification.Param);
        Assert.Contains("Voice 'bogus' is not available.", error.Message, StringComparison.Ordinal);
        Assert.Equal("tts-1", error.ModelId);
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "<html><body>Sign in to continue</body></html>", "'text/html' instead of audio")]
    [InlineData("application/json", """{"audio":"AAAA"}""", "JSON that is neither audio nor an error")]
    [InlineData("audio/mpeg", "", "empty body")]
    public async Task Success_status_without_audio_is_a_retryable_upstream_fault(string contentType, string body, string expected)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes(System.Text.Encoding.UTF8.GetBytes(body), contentType);

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.SpeechAsync(Request()));
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_error_page_with_an_error_status_is_classified_by_the_status()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes("<html><h1>502 Bad Gateway</h1></html>"u8.ToArray(), "text/html", 502);

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.SpeechAsync(Request()));
        Assert.Equal(502, error.StatusCode);
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
    }

    [Theory]
    [InlineData("", "Hi", "model")]
    [InlineData("tts-1", "", "input")]
    [InlineData("tts-1", "   ", "input")]
    public async Task Invalid_speech_request_is_rejected_before_sending_naming_the_field(string model, string input, string field)
    {
        await using var f = await ProviderFixture.StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.SpeechAsync(new SpeechRequest { Model = model, Input = input }));
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("request", error.ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => f.Provider.SpeechAsync(null!));
        Assert.Empty(f.Upstream.Requests);
    }

    [Fact]
    public async Task Audio_slower_than_the_request_timeout_is_a_timeout_error()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("slow", url) { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        f.Upstream.Enqueue(async (context, _) =>
        {
            // Headers and some audio arrive in time; the rest does not.
            context.Response.ContentType = "audio/mpeg";
            await context.Response.Body.WriteAsync(new byte[] { 1, 2, 3 }, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });

        var error = await Assert.ThrowsAsync<ProviderTimeoutException>(() => f.Provider.SpeechAsync(Request())).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(error.IsRetryable);
        Assert.Equal("slow", error.ProviderId);
        Assert.Equal("tts-1", error.ModelId);
        Assert.Contains("No audio from the upstream within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_of_speech_is_not_reported_as_a_timeout()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Provider.SpeechAsync(Request(), cts.Token)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsNotType<ProviderException>(error);
    }

    [Fact]
    public async Task A_derived_provider_can_reshape_speech_through_its_hooks()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new ElevenLabsLike(new ProviderOptions("eleven", upstream.BaseUrl) { ApiKey = ProviderFixture.ApiKey });
        upstream.EnqueueBytes([9, 8, 7], "audio/mpeg");

        var result = await provider.SpeechAsync(new SpeechRequest { Model = "eleven_turbo", Input = "Hi", Voice = "rachel" });

        Assert.Equal(new byte[] { 9, 8, 7 }, result.Audio.ToArray());
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/text-to-speech/rachel", sent.Uri.AbsolutePath);
        Assert.Equal("""{"text":"Hi","model_id":"eleven_turbo"}""", sent.Body);
    }

    private sealed class ElevenLabsLike(ProviderOptions options) : OpenAICompatibleProvider(options)
    {
        protected override string GetSpeechEndpoint(SpeechRequest request) => "/v1/text-to-speech/" + request.Voice;

        protected override void BuildSpeechPayload(Utf8JsonWriter writer, SpeechRequest request)
        {
            writer.WriteStartObject();
            writer.WriteString("text", request.Input);
            writer.WriteString("model_id", request.Model);
            writer.WriteEndObject();
        }
    }
}
