using System.Text;
using Microsoft.AspNetCore.Http;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers;

/// <summary>
/// Allocation measurements are process-wide, so these tests run alone (after every parallel collection).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringCollection
{
    public const string Name = "allocation measuring";
}

[Collection(AllocationMeasuringCollection.Name)]
public class ResponseLimitTests
{
    private const int SixtyFourMegabytes = 64_000_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static Task<ProviderFixture> StartAsync(int? maxBody = null, int? maxEvent = null) =>
        ProviderFixture.StartAsync(url => new ProviderOptions("test-provider", url)
        {
            ApiKey = ProviderFixture.ApiKey,
            RequestTimeout = Bound,
            StreamIdleTimeout = Bound,
            MaxResponseBodyBytes = maxBody ?? ProviderOptions.DefaultMaxResponseBodyBytes,
            MaxStreamEventBytes = maxEvent ?? ProviderOptions.DefaultMaxStreamEventBytes,
        });

    /// <summary>
    /// Writes <paramref name="length"/> bytes (<paramref name="prefix"/>, then <paramref name="fill"/>) from one reused
    /// 64 KiB buffer, so the server side allocates next to nothing; stops quietly when the client goes away.
    /// </summary>
    private static async Task WriteLargeAsync(HttpContext context, string contentType, string prefix, byte fill, long length, long? contentLength)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = contentLength;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
        var head = Encoding.UTF8.GetBytes(prefix);
        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            for (var written = (long)head.Length; written < length; written += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - written)), context.RequestAborted);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException || context.RequestAborted.IsCancellationRequested)
        {
            // The client stopped reading at its limit and closed the connection: expected.
        }
    }

    private static async Task<(ProviderException Error, long Allocated)> MeasureFailureAsync(Func<Task> call)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(call).WaitAsync(Bound);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (error, allocated);
    }

    private const string CompletionHead = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
    private const string CompletionTail = "\"},\"finish_reason\":\"stop\"}]}";

    /// <summary>A chat completion whose JSON text is exactly <paramref name="length"/> bytes.</summary>
    private static byte[] CompletionOfLength(int length) =>
        Encoding.UTF8.GetBytes(CompletionHead + new string('x', length - CompletionHead.Length - CompletionTail.Length) + CompletionTail);

    [Fact]
    public async Task Completion_body_without_content_length_above_the_limit_fails_typed_with_bounded_memory()
    {
        const int Limit = 1024 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        f.Upstream.Enqueue((context, _) => WriteLargeAsync(context, "application/json", "{\"id\":\"", (byte)'x', SixtyFourMegabytes, contentLength: null));

        var (error, allocated) = await MeasureFailureAsync(() => f.Provider.CompleteAsync(ProviderFixture.Request()));

        Assert.Equal(ProviderErrorCategory.ResponseTooLarge, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Contains("1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBodyBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_response_bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderFixture.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.True(allocated < 3L * Limit, $"Allocated {allocated} bytes for a {SixtyFourMegabytes}-byte body with a {Limit}-byte limit.");
    }

    [Fact]
    public async Task Completion_body_with_a_content_length_above_the_limit_fails_before_reading()
    {
        const int Limit = 1024 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        f.Upstream.Enqueue((context, _) => WriteLargeAsync(context, "application/json", "{\"id\":\"", (byte)'x', SixtyFourMegabytes, contentLength: SixtyFourMegabytes));

        var (error, allocated) = await MeasureFailureAsync(() => f.Provider.CompleteAsync(ProviderFixture.Request()));

        Assert.Equal(ProviderErrorCategory.ResponseTooLarge, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Contains("64000000", error.Message, StringComparison.Ordinal); // the announced length
        Assert.Contains("max_response_bytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < Limit, $"Allocated {allocated} bytes although the announced length was above the limit.");
    }

    [Fact]
    public async Task Single_sse_line_above_the_default_event_limit_fails_typed_with_bounded_memory()
    {
        await using var f = await StartAsync();
        f.Upstream.Enqueue((context, _) => WriteLargeAsync(context, "text/event-stream", "data: {\"id\":\"", (byte)'x', SixtyFourMegabytes, contentLength: null));

        var (error, allocated) = await MeasureFailureAsync(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });

        Assert.Equal(ProviderErrorCategory.ResponseTooLarge, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Contains("4194304 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_stream_event_bytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 3L * ProviderOptions.DefaultMaxStreamEventBytes, $"Allocated {allocated} bytes for a {SixtyFourMegabytes}-byte line.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Completion_body_at_the_limit_still_works(bool withContentLength)
    {
        const int Limit = 256 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        var body = CompletionOfLength(Limit);
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = withContentLength ? body.Length : null;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted); // two reads at least
            await context.Response.Body.WriteAsync(body.AsMemory(body.Length / 2), context.RequestAborted);
        });

        var completion = await f.Provider.CompleteAsync(ProviderFixture.Request()).WaitAsync(Bound);

        Assert.Equal(Limit - CompletionHead.Length - CompletionTail.Length, completion.Choices[0].Message.Content!.Length);
    }

    [Fact]
    public async Task Completion_body_one_byte_above_the_limit_fails()
    {
        const int Limit = 256 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        f.Upstream.EnqueueBytes(CompletionOfLength(Limit + 1), "application/json");

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => f.Provider.CompleteAsync(ProviderFixture.Request())).WaitAsync(Bound);
        Assert.Equal(ProviderErrorCategory.ResponseTooLarge, error.Category);
    }

    [Fact]
    public async Task Stream_event_just_under_the_limit_still_works()
    {
        const int Limit = 64 * 1024;
        await using var f = await StartAsync(maxEvent: Limit);
        var content = new string('x', Limit - 300);
        f.Upstream.EnqueueSse(ProviderFixture.Chunk(content) + ProviderFixture.Chunk("", "stop") + "data: [DONE]\n\n");

        var texts = new List<string?>();
        await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            texts.Add(chunk.Choices[0].Delta.Content);
        }

        Assert.Equal([content, ""], texts);
    }

    [Fact]
    public async Task Stream_event_whose_data_lines_together_exceed_the_limit_fails_after_the_earlier_chunks()
    {
        const int Limit = 64 * 1024;
        await using var f = await StartAsync(maxEvent: Limit);
        var line = "data: " + new string(' ', 1000) + "\n";
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("first") + string.Concat(Enumerable.Repeat(line, 100)) + "\n");

        var texts = new List<string?>();
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                texts.Add(chunk.Choices[0].Delta.Content);
            }
        }).WaitAsync(Bound);

        Assert.Equal(["first"], texts);
        Assert.Contains("max_stream_event_bytes", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Operations => ["embeddings", "models", "speech", "transcription", "json instead of a stream"];

    private static async Task CallAsync(BaseProvider provider, string operation)
    {
        switch (operation)
        {
            case "embeddings":
                await provider.EmbedAsync(new EmbeddingRequest { Model = "e", Input = EmbeddingInput.FromText("hi") });
                break;
            case "models":
                await provider.ListModelsAsync();
                break;
            case "speech":
                await provider.SpeechAsync(new SpeechRequest { Model = "tts-1", Input = "Hi", Voice = "alloy" });
                break;
            case "transcription":
                await provider.TranscribeAsync(new TranscriptionRequest { Model = "whisper-1", File = new byte[] { 1, 2, 3 }, FileName = "a.mp3", ResponseFormat = "text" });
                break;
            default:
                await foreach (var _ in provider.StreamAsync(ProviderFixture.Request()))
                {
                }
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_whole_body_read_is_bounded(string operation)
    {
        const int Limit = 64 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        var contentType = operation switch
        {
            "speech" => "audio/mpeg",
            "transcription" => "text/plain",
            _ => "application/json",
        };
        f.Upstream.Enqueue((context, _) => WriteLargeAsync(context, contentType, "{\"data\":\"", (byte)'x', 4 * 1024 * 1024, contentLength: null));

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => CallAsync(f.Provider, operation)).WaitAsync(Bound);

        Assert.Equal(ProviderErrorCategory.ResponseTooLarge, error.Category);
        Assert.Contains("max_response_bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_audio_at_the_limit_still_works()
    {
        const int Limit = 64 * 1024;
        await using var f = await StartAsync(maxBody: Limit);
        var audio = new byte[Limit];
        Array.Fill(audio, (byte)0xFF);
        f.Upstream.EnqueueBytes(audio, "audio/mpeg");

        var speech = await f.Provider.SpeechAsync(new SpeechRequest { Model = "tts-1", Input = "Hi", Voice = "alloy" }).WaitAsync(Bound);

        Assert.Equal(Limit, speech.Audio.Length);
    }

    [Fact]
    public async Task Mesh_fails_over_from_a_response_that_is_too_large()
    {
        await using var fx = await Routing.MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue((context, _) => WriteLargeAsync(context, "application/json", "{\"id\":\"", (byte)'x', SixtyFourMegabytes, contentLength: null));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh();

        var completion = await mesh.Chat.Completions.CreateAsync(Routing.MeshFixture.Ask()).WaitAsync(Bound);

        Assert.Equal("from b", completion.Choices[0].Message.Content);
        Assert.Single(fx["a"].Requests); // not retried on the same model: it would send the same again
    }

    [Fact]
    public void Limits_must_be_above_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProviderOptions("p", "http://127.0.0.1") { MaxResponseBodyBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProviderOptions("p", "http://127.0.0.1") { MaxStreamEventBytes = -1 });
    }
}
