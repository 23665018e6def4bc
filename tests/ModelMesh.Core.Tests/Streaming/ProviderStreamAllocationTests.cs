using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Providers.Anthropic;
using Xunit;

namespace ModelMesh.Core.Tests.Streaming;

/// <summary>
/// What a provider's stream allocates per event: the chunk's objects and the event's new strings, nothing of the
/// loop's own. The upstream is an in-memory handler, so the whole stream runs synchronously on the test's thread and
/// the thread's allocation counter sees it all. Sizes are the 64-bit runtime's: a chunk (88 B), its one-element
/// choices array (32 B; a connector's one-element collection expression makes a 24 B list instead), a choice (56 B),
/// a delta (80 B), a one-character string (24 B); a tool-call fragment adds its one-element array (32 B), the call
/// (56 B) and the function (40 B).
/// </summary>
public sealed class ProviderStreamAllocationTests
{
    private const int Short = 200;
    private const int Long = 1200;
    private const long ContentChunkBytes = 88 + 32 + 56 + 80 + 24;
    private const long ToolFragmentChunkBytes = 88 + 32 + 56 + 80 + 32 + 56 + 40 + 24;

    private const string OpenAIHead = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"model\",\"system_fingerprint\":\"fp_1\",\"choices\":";

    [Fact]
    public async Task An_OpenAI_content_chunk_allocates_its_chunk_objects_and_its_text_only()
    {
        var perChunk = await BytesPerEventAsync(OpenAIBody(ContentEvent), static (o, h) => new OpenAICompatibleProvider(o, h));
        // Before: every choice was made with a delta of its own, replaced by the one read (80 B more per chunk).
        Assert.True(perChunk <= ContentChunkBytes, $"{perChunk} bytes per content chunk (bound {ContentChunkBytes})");
        Assert.True(perChunk > ContentChunkBytes / 2, $"{perChunk} bytes per content chunk: the counter missed the stream");
    }

    [Fact]
    public async Task An_OpenAI_tool_call_fragment_allocates_its_chunk_objects_and_its_arguments_only()
    {
        var perChunk = await BytesPerEventAsync(OpenAIBody(ToolFragmentEvent), static (o, h) => new OpenAICompatibleProvider(o, h));
        Assert.True(perChunk <= ToolFragmentChunkBytes, $"{perChunk} bytes per tool-call fragment (bound {ToolFragmentChunkBytes})");
        Assert.True(perChunk > ToolFragmentChunkBytes / 2, $"{perChunk} bytes per tool-call fragment: the counter missed the stream");
    }

    [Fact]
    public async Task An_Anthropic_text_delta_allocates_the_same_as_an_OpenAI_content_chunk()
    {
        var perChunk = await BytesPerEventAsync(AnthropicBody(AnthropicTextDelta), static (o, h) => new AnthropicProvider(o, h));
        // Before: the event's wire objects (the event, its delta, the "text_delta" type string) and a spare delta per choice.
        Assert.True(perChunk <= ContentChunkBytes, $"{perChunk} bytes per text delta (bound {ContentChunkBytes})");
        Assert.True(perChunk > ContentChunkBytes / 2, $"{perChunk} bytes per text delta: the counter missed the stream");
    }

    [Fact]
    public async Task An_Anthropic_input_json_delta_allocates_the_same_as_an_OpenAI_tool_call_fragment()
    {
        var perChunk = await BytesPerEventAsync(AnthropicBody(AnthropicToolDelta), static (o, h) => new AnthropicProvider(o, h));
        Assert.True(perChunk <= ToolFragmentChunkBytes, $"{perChunk} bytes per input_json_delta (bound {ToolFragmentChunkBytes})");
        Assert.True(perChunk > ToolFragmentChunkBytes / 2, $"{perChunk} bytes per input_json_delta: the counter missed the stream");
    }

    private static string ContentEvent() => OpenAIHead + "[{\"index\":0,\"delta\":{\"content\":\"a\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

    private static string ToolFragmentEvent() =>
        OpenAIHead + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"a\"}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

    private static string AnthropicTextDelta() =>
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n";

    private static string AnthropicToolDelta() =>
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"a\"}}\n\n";

    /// <summary>An OpenAI stream: a role chunk, a tool call's first fragment, <paramref name="events"/> repeated, a finish, the end marker.</summary>
    private static Func<int, byte[]> OpenAIBody(Func<string> @event) => count =>
    {
        var text = new StringBuilder();
        text.Append(OpenAIHead).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}\n\n");
        text.Append(OpenAIHead).Append("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(@event());
        }
        text.Append(OpenAIHead).Append("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        text.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    };

    /// <summary>An Anthropic stream: a text block and a tool_use block open, <paramref name="event"/> repeated, then both close and the message ends.</summary>
    private static Func<int, byte[]> AnthropicBody(Func<string> @event) => count =>
    {
        var text = new StringBuilder();
        text.Append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n");
        text.Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        text.Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}\n\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(@event());
        }
        text.Append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        text.Append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n");
        text.Append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}\n\n");
        text.Append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    };

    /// <summary>Allocated bytes per repeated event, from the difference between a long and a short stream (fixed costs cancel).</summary>
    private static async Task<long> BytesPerEventAsync(Func<int, byte[]> body, Func<ProviderOptions, HttpClient, BaseProvider> create)
    {
        var handler = new CannedHandler(new Dictionary<int, byte[]> { [Short] = body(Short), [Long] = body(Long) });
        using var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        using var provider = create(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }, http);

        async Task<long> MeasureAsync(int events)
        {
            handler.Events = events;
            var request = new ChatCompletionRequest { Model = "model", Messages = [ChatMessage.User("Hi")] };
            var stream = provider.StreamAsync(request);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var read = 0;
            await foreach (var chunk in stream)
            {
                read++;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(read >= events, $"{read} chunks for {events} events");
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

    /// <summary>An upstream in memory: the canned stream of <see cref="Events"/> repeated events, answered synchronously.</summary>
    private sealed class CannedHandler(Dictionary<int, byte[]> bodies) : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

        public int Events { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(bodies[Events]);
            content.Headers.ContentType = EventStream;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
