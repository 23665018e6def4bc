using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelMesh.Cdk;
using Xunit;
using Xunit.Abstractions;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// What a routed request costs in memory on top of the same request sent to its provider directly, on a one-model
/// pool: the mesh's own per-request objects (lease, routing request, cancellation, the call, telemetry) and the
/// routing decision. The upstream is an in-memory handler, so the whole call runs synchronously on the test's
/// thread and the thread's allocation counter sees it all.
/// </summary>
public sealed class MeshOverheadAllocationTests(ITestOutputHelper output)
{
    private const int Calls = 200;

    [Fact]
    public async Task A_routed_completion_on_a_one_model_pool_allocates_within_a_bound_of_the_direct_call()
    {
        using var setup = new OneModelMesh(streaming: false);
        var direct = await BytesPerCallAsync(() => setup.Provider.CompleteAsync(setup.Direct));
        var mesh = await BytesPerCallAsync(() => setup.Mesh.Chat.Completions.CreateAsync(setup.Routed));
        output.WriteLine($"complete: mesh {mesh} B, direct {direct} B, over by {mesh - direct} B");
        Assert.True(direct > 1000, $"direct: {direct} bytes per call; the counter missed the call");
        // Before (2,496 B over): two cancellation sources with their registrations, a closure and two delegates, a
        // middleware context and an outcome nobody read, an async method of the client's around the router's, the
        // decision's own objects (state record, attempt log, reservation, choice, reason), the provider copying the
        // mesh's own copy of the request again, and a closure per pool lookup. What is left (about 0.6 KB) is the
        // routing request, the wire request's copy, the attempt log, one source and its timer, and the router's
        // async state machine. The goal is within 1 KB of the direct call; the bound is tighter (it was 1,008 B
        // over before the provider took the mesh's copy as its own and the pool lookup lost its closure).
        Assert.True(mesh - direct <= 800, $"mesh: {mesh} bytes per call, direct: {direct}, over by {mesh - direct}");
    }

    [Fact]
    public async Task A_routed_stream_on_a_one_model_pool_allocates_within_a_bound_of_the_direct_stream()
    {
        using var setup = new OneModelMesh(streaming: true);
        var direct = await BytesPerCallAsync(() => DrainAsync(setup.Provider.StreamAsync(setup.Direct)));
        var mesh = await BytesPerCallAsync(() => DrainAsync(setup.Mesh.Chat.Completions.StreamAsync(setup.Routed)));
        output.WriteLine($"stream: mesh {mesh} B, direct {direct} B, over by {mesh - direct} B");
        Assert.True(direct > 1000, $"direct: {direct} bytes per stream; the counter missed the stream");
        // Before (4,344 B over): also the attempt's own accumulator, the held-chunk list and a sorted map per accumulator.
        // Then 1,944 B, with the client's own async iterator around the router's; without middleware the client now
        // forwards to the router's enumerator. What is left (about 1.7 KB) is also the delivered answer (the
        // contract's partial text) and the router's async iterator.
        Assert.True(mesh - direct <= 1850, $"mesh: {mesh} bytes per stream, direct: {direct}, over by {mesh - direct}");
    }

    private static async Task<int> DrainAsync(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var read = 0;
        await foreach (var chunk in stream)
        {
            read++;
        }
        Assert.Equal(OneModelMesh.Chunks + 3, read);
        return read;
    }

    private static async Task<long> BytesPerCallAsync<T>(Func<Task<T>> call)
    {
        for (var i = 0; i < Calls; i++)
        {
            await call();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            await call();
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    /// <summary>A mesh of one provider and one model in a one-model pool, over an upstream in memory.</summary>
    private sealed class OneModelMesh : IDisposable
    {
        public const int Chunks = 8;

        private readonly HttpClient _http;

        public OneModelMesh(bool streaming)
        {
            _http = new HttpClient(new CannedHandler(streaming ? StreamBody() : CompletionBody()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            Provider = new OpenAICompatibleProvider(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }, _http);
            var builder = new MeshBuilder();
            builder.AddProvider(Provider);
            builder.AddModels(new ModelDefinition { Id = "p.model", ProviderId = "p", Capabilities = ["chat-completion"], ContextWindow = 128_000 });
            builder.AddPool(new PoolDefinition { Id = "pool", Capability = "chat-completion" });
            Mesh = builder.Build();
        }

        public OpenAICompatibleProvider Provider { get; }

        public MeshClient Mesh { get; }

        public ChatCompletionRequest Direct { get; } = Request("model");

        public ChatCompletionRequest Routed { get; } = Request("pool");

        public void Dispose()
        {
            Mesh.Dispose();
            Provider.Dispose();
            _http.Dispose();
        }

        private static ChatCompletionRequest Request(string model) => new()
        {
            Model = model,
            Messages = [ChatMessage.System("Answer briefly."), ChatMessage.User("Hi")],
            MaxCompletionTokens = 100,
            Temperature = 0.2,
        };

        private static byte[] CompletionBody() => Encoding.UTF8.GetBytes(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"model\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}");

        private static byte[] StreamBody()
        {
            const string Head = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"model\",\"choices\":";
            var text = new StringBuilder();
            text.Append(Head).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
            for (var i = 0; i < Chunks; i++)
            {
                text.Append(Head).Append("[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}]}\n\n");
            }
            text.Append(Head).Append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            text.Append(Head).Append("[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":").Append(Chunks).Append(",\"total_tokens\":").Append(Chunks + 9).Append("}}\n\n");
            text.Append("data: [DONE]\n\n");
            return Encoding.UTF8.GetBytes(text.ToString());
        }
    }

    /// <summary>An upstream in memory: the same canned body for every request, answered synchronously.</summary>
    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");
        private static readonly MediaTypeHeaderValue Json = new("application/json");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = body.AsSpan().StartsWith("data:"u8) ? EventStream : Json;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
