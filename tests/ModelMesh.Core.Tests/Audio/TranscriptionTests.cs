using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Audio;

public class TranscriptionTests
{
    private const string VerboseJson = """
        {"task":"transcribe","language":"english","duration":2.5,"text":"Hello world.",
         "words":[{"word":"Hello","start":0.0,"end":0.6},{"word":"world","start":0.7,"end":1.4}],
         "segments":[{"id":0,"seek":0,"start":0.0,"end":2.5,"text":" Hello world.","tokens":[50364,2425,1002,13],"temperature":0.0,"avg_logprob":-0.28,"compression_ratio":0.62,"no_speech_prob":0.01}],
         "usage":{"type":"duration","seconds":3},"x_served_by":"node-7"}
        """;

    private static readonly byte[] Audio = Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 % 256)).ToArray();

    private static TranscriptionRequest Request(string? format = null) =>
        new() { Model = "whisper-1", File = Audio, FileName = "speech.mp3", ResponseFormat = format };

    [Fact]
    public async Task Multipart_upload_carries_the_file_bytes_name_model_and_every_field()
    {
        await using var f = await ProviderFixture.StartAsync();
        var received = new List<ReceivedForm>();
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json", VerboseJson));

        var response = await f.Provider.TranscribeAsync(new TranscriptionRequest
        {
            Model = "whisper-1",
            File = Audio,
            FileName = "meeting notes.mp3",
            FileContentType = "audio/mpeg",
            Language = "de",
            Prompt = "Grüße aus Köln — ünïcödé",
            ResponseFormat = "verbose_json",
            Temperature = 0.2,
            TimestampGranularities = ["word", "segment"],
            AdditionalFields = [new("include[]", "logprobs"), new("chunking_strategy", "auto")],
        });

        var form = Assert.Single(received);
        Assert.StartsWith("multipart/form-data; boundary=", form.ContentType, StringComparison.Ordinal);
        Assert.Equal(1, form.FileCount);
        Assert.Equal("file", form.FileField);
        Assert.Equal("meeting notes.mp3", form.FileName);
        Assert.Equal("audio/mpeg", form.FileContentType);
        Assert.Equal(Audio, form.FileBytes);
        Assert.Equal("whisper-1", form.Field("model"));
        Assert.Equal("de", form.Field("language"));
        Assert.Equal("Grüße aus Köln — ünïcödé", form.Field("prompt"));
        Assert.Equal("verbose_json", form.Field("response_format"));
        Assert.Equal("0.2", form.Field("temperature"));
        Assert.Equal(["word", "segment"], form.All("timestamp_granularities[]"));
        Assert.Equal("logprobs", form.Field("include[]"));
        Assert.Equal("auto", form.Field("chunking_strategy"));
        Assert.Equal(9, form.Fields.Count); // exactly these: nothing unset is sent

        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/audio/transcriptions", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + ProviderFixture.ApiKey, sent.Header("Authorization"));
        Assert.NotNull(sent.Header("Content-Length")); // bytes have a known length: no chunked upload
        Assert.Null(sent.Header("Transfer-Encoding"));

        Assert.Equal("Hello world.", response.Text);
        Assert.Equal("transcribe", response.Task);
        Assert.Equal("english", response.Language);
        Assert.Equal(2.5, response.Duration);
        Assert.Equal(["Hello", "world"], response.Words!.Select(w => w.Word));
        Assert.Equal(1.4, response.Words![1].End);
        var segment = Assert.Single(response.Segments!);
        Assert.Equal(" Hello world.", segment.Text);
        Assert.Equal([50364, 2425, 1002, 13], segment.Tokens);
        Assert.Equal(-0.28, segment.AvgLogprob);
        Assert.Equal(0.01, segment.NoSpeechProb);
        Assert.Equal("duration", response.Usage!.Type);
        Assert.Equal(3, response.Usage.Seconds);
        Assert.Equal("node-7", response.AdditionalProperties!["x_served_by"].GetString());
    }

    [Fact]
    public async Task Json_format_reads_text_and_token_usage_keeping_unknown_fields()
    {
        await using var f = await ProviderFixture.StartAsync();
        var received = new List<ReceivedForm>();
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json",
            """{"text":"Hi.","usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":0,"audio_tokens":14},"output_tokens":45,"total_tokens":59}}"""));

        var response = await f.Provider.TranscribeAsync(Request("json"));

        Assert.Equal("Hi.", response.Text);
        Assert.Null(response.Segments);
        Assert.Equal(14, response.Usage!.InputTokens);
        Assert.Equal(45, response.Usage.OutputTokens);
        Assert.Equal(59, response.Usage.TotalTokens);
        Assert.Equal(14, response.Usage.AdditionalProperties!["input_token_details"].GetProperty("audio_tokens").GetInt32());
        var form = Assert.Single(received);
        Assert.Equal(["model", "response_format"], form.Fields.Select(x => x.Key).Order(StringComparer.Ordinal));
        Assert.Equal("application/octet-stream", form.FileContentType); // the default when none is given
    }

    [Theory]
    [InlineData("Sprachnotiz ä.mp3")]
    [InlineData("会议.wav")]
    public async Task Non_ascii_file_name_arrives_intact(string name)
    {
        await using var f = await ProviderFixture.StartAsync();
        var received = new List<ReceivedForm>();
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json", """{"text":"ok"}"""));
        var request = Request();
        request.FileName = name;
        await f.Provider.TranscribeAsync(request);
        Assert.Equal(name, Assert.Single(received).FileName);
    }

    [Theory]
    [InlineData("text", "text/plain; charset=utf-8", "Hello world.\n")]
    [InlineData("srt", "text/plain", "1\n00:00:00,000 --> 00:00:01,400\nHello world.\n\n")]
    [InlineData("vtt", "text/vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:01.400\nHello world.\n")]
    [InlineData("text", "application/json", "\"Hello world.\"")] // a text format served as a JSON string
    public async Task Text_formats_return_the_raw_body_as_text(string format, string contentType, string body)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes(Encoding.UTF8.GetBytes(body), contentType);

        var response = await f.Provider.TranscribeAsync(Request(format));

        Assert.Equal(contentType == "application/json" ? "Hello world." : body, response.Text);
        Assert.Null(response.Usage);
        Assert.Null(response.AdditionalProperties);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task Json_error_with_a_200_status_is_an_in_band_error_whatever_format_was_asked(string format)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"error":{"message":"Audio file might be corrupted or unsupported","type":"invalid_request_error","param":"file","code":"invalid_value"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.TranscribeAsync(Request(format)));
        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.Null(error.StatusCode);
        Assert.Equal("file", error.Classification.Param);
        Assert.Contains("Audio file might be corrupted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "not valid JSON")]
    [InlineData("text", "HTML page instead of a transcription")]
    public async Task Html_page_with_a_200_status_is_a_retryable_upstream_fault(string format, string expected)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes("<!doctype html><title>Gateway</title>"u8.ToArray(), "text/html");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.TranscribeAsync(Request(format)));
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seekable_stream_is_sent_from_its_position_left_there_and_can_be_sent_again()
    {
        await using var f = await ProviderFixture.StartAsync();
        var received = new List<ReceivedForm>();
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json", """{"text":"one"}"""));
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json", """{"text":"two"}"""));
        using var stream = new MemoryStream([0xEE, 0xEE, 0xEE, .. Audio]) { Position = 3 };
        var request = new TranscriptionRequest { Model = "whisper-1", FileStream = stream, FileName = "a.wav" };

        Assert.Equal("one", (await f.Provider.TranscribeAsync(request)).Text);
        Assert.Equal("two", (await f.Provider.TranscribeAsync(request)).Text); // what failover to another provider does

        Assert.Equal([Audio, Audio], received.Select(r => r.FileBytes));
        Assert.Equal(3, stream.Position);
        Assert.True(stream.CanRead); // the caller's stream is not disposed
        Assert.All(f.Upstream.Requests, r => Assert.NotNull(r.Header("Content-Length")));
    }

    [Fact]
    public async Task Non_seekable_stream_is_uploaded_chunked_and_not_disposed()
    {
        await using var f = await ProviderFixture.StartAsync();
        var received = new List<ReceivedForm>();
        f.Upstream.Enqueue(ReceivedForm.Capture(received, "application/json", """{"text":"ok"}"""));
        using var stream = new ForwardOnlyStream(Audio);

        var response = await f.Provider.TranscribeAsync(new TranscriptionRequest { Model = "whisper-1", FileStream = stream, FileName = "a.ogg" });

        Assert.Equal("ok", response.Text);
        Assert.Equal(Audio, Assert.Single(received).FileBytes);
        Assert.Equal("chunked", Assert.Single(f.Upstream.Requests).Header("Transfer-Encoding"));
        Assert.False(stream.WasDisposed);
    }

    public static TheoryData<string, TranscriptionRequest> InvalidRequests() => new()
    {
        { "'model'", new TranscriptionRequest { File = Audio, FileName = "a.mp3" } },
        { "'file'", new TranscriptionRequest { Model = "whisper-1", FileName = "a.mp3" } },
        { "'file'", new TranscriptionRequest { Model = "whisper-1", File = Audio } }, // no file name
        { "both File and FileStream", new TranscriptionRequest { Model = "whisper-1", File = Audio, FileStream = new MemoryStream(Audio), FileName = "a.mp3" } },
        { "cannot be read", new TranscriptionRequest { Model = "whisper-1", FileStream = Closed(), FileName = "a.mp3" } },
        { "FileContentType 'not a type'", new TranscriptionRequest { Model = "whisper-1", File = Audio, FileName = "a.mp3", FileContentType = "not a type" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_transcription_request_is_rejected_before_sending_naming_the_field(string expected, TranscriptionRequest request)
    {
        await using var f = await ProviderFixture.StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.TranscribeAsync(request));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("request", error.ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => f.Provider.TranscribeAsync(null!));
        Assert.Empty(f.Upstream.Requests);
    }

    [Fact]
    public async Task Transcription_slower_than_the_request_timeout_is_a_timeout_error()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("slow", url) { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        f.Upstream.Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));

        var error = await Assert.ThrowsAsync<ProviderTimeoutException>(() => f.Provider.TranscribeAsync(Request())).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ProviderErrorCategory.Timeout, error.Category);
        Assert.Equal("whisper-1", error.ModelId);
        Assert.Contains("No transcription from the upstream within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_derived_provider_can_send_raw_audio_and_read_its_own_json_through_the_hooks()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new RawUploadProvider(new ProviderOptions("raw", upstream.BaseUrl) { ApiKey = ProviderFixture.ApiKey });
        byte[]? uploaded = null;
        upstream.Enqueue(async (context, _) =>
        {
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
            uploaded = copy.ToArray();
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", """{"results":{"transcript":"from raw"}}"""u8.ToArray());
        });

        var response = await provider.TranscribeAsync(Request());

        Assert.Equal("from raw", response.Text);
        Assert.Equal(Audio, uploaded);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/listen", sent.Uri.AbsolutePath);
        Assert.Equal("model=whisper-1", sent.Uri.Query.TrimStart('?'));
        Assert.Equal("audio/mpeg", sent.Header("Content-Type"));
    }

    private static MemoryStream Closed()
    {
        var stream = new MemoryStream(Audio);
        stream.Dispose();
        return stream;
    }

    /// <summary>A Deepgram-style upstream: the body is the audio itself, options go in the query.</summary>
    private sealed class RawUploadProvider(ProviderOptions options) : OpenAICompatibleProvider(options)
    {
        protected override string GetTranscriptionEndpoint(TranscriptionRequest request) => "/v1/listen?model=" + Uri.EscapeDataString(request.Model);

        protected override HttpContent BuildTranscriptionContent(TranscriptionRequest request)
        {
            var content = new ReadOnlyMemoryContent(request.File);
            content.Headers.ContentType = new("audio/mpeg");
            return content;
        }

        protected override TranscriptionResponse ParseTranscriptionResponse(ReadOnlyMemory<byte> body, string? contentType, TranscriptionRequest request)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return new TranscriptionResponse { Text = doc.RootElement.GetProperty("results").GetProperty("transcript").GetString()! };
        }
    }
}
