using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelMesh.Cdk;
using Xunit;

namespace ModelMesh.Core.Tests.Streaming;

/// <summary>
/// What the mesh adds to each chunk of a stream on top of the provider: once the stream has committed, one
/// accumulator (the delivered answer) and no per-chunk allocations of its own. The upstream is an in-memory
/// handler, so the whole stream runs synchronously on the test's thread and the thread's allocation counter sees it all.
/// </summary>
public sealed class MeshStreamAllocationTests
{
    private const int Short = 200;
    private const int Long = 1200;

    [Fact]
    public async Task A_chunk_through_the_mesh_allocates_at_most_a_few_bytes_more_than_the_same_chunk_direct()
    {
        var direct = await BytesPerChunkAsync(throughMesh: false);
        var mesh = await BytesPerChunkAsync(throughMesh: true);
        // The measurement sees the provider's chunk objects (a chunk, its choices, a choice, a delta, the text).
        Assert.True(direct > 100, $"direct: {direct} bytes per chunk; the counter missed the stream");
        // Before: two accumulators each appended the text and boxed an enumerator over the choices (~70 B per chunk).
        // What is left is the delivered text itself (a one-character delta, two bytes) and the builder's growth.
        // The per-stream costs (routing, cancellation, the iterators) are bounded in MeshOverheadAllocationTests.
        Assert.True(mesh - direct <= 8, $"mesh: {mesh} bytes per chunk, direct: {direct}");
    }

    /// <summary>Allocated bytes per content chunk, from the difference between a long and a short stream (fixed costs cancel).</summary>
    private static async Task<long> BytesPerChunkAsync(bool throughMesh)
    {
        var bodies = new Dictionary<int, byte[]> { [Short] = StreamBody(Short), [Long] = StreamBody(Long) };
        var handler = new CannedHandler(bodies);
        using var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        using var provider = new OpenAICompatibleProvider(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }, http);
        var builder = new MeshBuilder();
        builder.AddProvider(provider);
        builder.AddModels(new ModelDefinition { Id = "p.model", ProviderId = "p", Capabilities = ["chat-completion"], ContextWindow = 128_000 });
        builder.AddPool(new PoolDefinition
        {
            Id = "pool",
            Capability = "chat-completion",
            Timeouts = new StreamTimeouts { FirstToken = TimeSpan.FromMinutes(1), Idle = TimeSpan.FromMinutes(1), Total = TimeSpan.FromMinutes(10) },
        });
        using var mesh = builder.Build();

        async Task<long> MeasureAsync(int chunks)
        {
            handler.Chunks = chunks;
            var request = new ChatCompletionRequest { Model = throughMesh ? "pool" : "model", Messages = [ChatMessage.User("Hi")] };
            var stream = throughMesh ? mesh.Chat.Completions.StreamAsync(request) : provider.StreamAsync(request);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = 0;
            await foreach (var chunk in stream)
            {
                read++;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(chunks + 3, read);
            return allocated;
        }

        for (var warm = 0; warm < 3; warm++)
        {
            await MeasureAsync(Short);
            await MeasureAsync(Long);
        }
        var small = await MeasureAsync(Short);
        var large = await MeasureAsync(Long);
        return (large - small) / (Long - Short);
    }

    private static byte[] StreamBody(int contentChunks)
    {
        const string Head = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"model\",\"choices\":";
        var text = new StringBuilder();
        text.Append(Head).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (var i = 0; i < contentChunks; i++)
        {
            text.Append(Head).Append("[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n");
        }
        text.Append(Head).Append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        text.Append(Head).Append("[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":").Append(contentChunks).Append(",\"total_tokens\":").Append(contentChunks + 3).Append("}}\n\n");
        text.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>An upstream in memory: the canned stream of <see cref="Chunks"/> content chunks, answered synchronously.</summary>
    private sealed class CannedHandler(Dictionary<int, byte[]> bodies) : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

        public int Chunks { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(bodies[Chunks]);
            content.Headers.ContentType = EventStream;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
