using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Json.Readers;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests;

/// <summary>
/// The hand-written chunk and completion readers against the source-generated serializer: for every event of every
/// capture and for hand-made edge cases, both give objects that serialize identically, or both fail with a
/// <see cref="JsonException"/>.
/// </summary>
public class ChatChunkReaderTests
{
    public static TheoryData<string> StreamCaptures() => new(ConformanceCaptures.List()
        .Where(p => p.EndsWith(".sse", StringComparison.Ordinal) || p.EndsWith(".ndjson", StringComparison.Ordinal)));

    public static TheoryData<string> JsonCaptures() => new(ConformanceCaptures.List().Where(p => p.EndsWith(".json", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(StreamCaptures))]
    public async Task Every_event_of_a_capture_reads_as_the_serializer_reads_it(string capture)
    {
        var format = capture.EndsWith(".ndjson", StringComparison.Ordinal) ? StreamFormat.NewlineDelimitedJson : StreamFormat.ServerSentEvents;
        using var stream = new MemoryStream(ConformanceCaptures.ReadBytes(capture));
        using var events = new StreamEventReader(stream, format);
        var reader = new ChatChunkReader(); // one per stream, as the provider uses it
        var compared = 0;
        while (await events.ReadAsync() is SseEvent e)
        {
            if (!e.IsDone)
            {
                AssertChunkEquivalent(e.DataText, reader);
                compared++;
            }
        }
        Assert.True(compared > 0, capture + " has no events");
    }

    [Theory]
    [MemberData(nameof(JsonCaptures))]
    public void Every_json_capture_reads_as_the_serializer_reads_it(string capture) =>
        AssertCompletionEquivalent(ConformanceCaptures.ReadText(capture));

    public static TheoryData<string> EdgeChunks() => new(
        """{"id":null,"object":null,"created":0,"model":null,"choices":null,"usage":null,"system_fingerprint":null,"service_tier":null}""",
        """{"choices":[null]}""",
        """{"choices":[{"index":0,"delta":null,"finish_reason":null,"logprobs":null}]}""",
        """{"choices":[{"index":0,"delta":{"role":null,"content":null,"refusal":null,"reasoning_content":null,"reasoning":null,"tool_calls":null}}]}""",
        """{"choices":[{"delta":{"tool_calls":[null,{"index":null,"id":null,"type":null,"function":null},{"function":{"name":null,"arguments":null}}]}}]}""",
        """{"x":1,"id":"a","choices":[{"y":[1,{"z":null}],"index":0,"delta":{"w":true,"content":"hi","tool_calls":[{"v":"s","index":0,"function":{"u":{"t":[]},"arguments":"{}"}}]}}],"q":{"r":"s"}}""",
        """{"id":"chat\u0063mpl-\"1\"","model":"m\u00e9\ud83d\ude00","choices":[{"delta":{"content":"a\"b\\c\n\t\u00e9\ud83d\ude00 \/"}}]}""",
        """{"\u0069d":"escaped-name","ch\u006fices":[{"d\u0065lta":{"c\u006fntent":"x"}}]}""",
        """{"created":9223372036854775807,"choices":[{"index":2147483647}]}""",
        """{"created":-9223372036854775808,"choices":[{"index":-2147483648,"delta":{"tool_calls":[{"index":2147483647}]}}]}""",
        """{"id":"a","choices":[]}""",
        """{"id":"a","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0,"x":1},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"cost":0.000123,"extra":"y"}}""",
        """{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}},{"index":2,"delta":{"content":"c"}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":""}},{"index":1,"id":"c2","type":"function","function":{"name":"g","arguments":"{\"a\":1}"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"x"},"logprobs":{"content":[{"token":"x","logprob":-0.5,"bytes":[120],"top_logprobs":[{"token":"y","logprob":-1.5,"bytes":null}]}],"refusal":null}}]}""",
        """{"error":{"message":"overloaded","code":502},"choices":[]}""",
        """{"id":"a","id":"b","choices":[],"choices":[{"index":1}]}""",
        """ {"id":"whitespace around"} """,
        """{"choices":[{"index":0,"delta":{"thinking_blocks":[{"type":"thinking","thinking":"t","signature":"s","x":1},{"type":"redacted_thinking","data":"d"}]}}]}""",
        """{"choices":[{"index":0,"delta":{"thinking_blocks":null}}]}""",
        """{"choices":[{"index":0,"message":{"role":"assistant","content":"x","thinking_blocks":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"d"}]}}]}""",
        """{}""");

    [Theory]
    [MemberData(nameof(EdgeChunks))]
    public void Edge_cases_read_as_the_serializer_reads_them(string json)
    {
        AssertChunkEquivalent(json, new ChatChunkReader());
        AssertCompletionEquivalent(json);
    }

    public static TheoryData<string, string> WrongTypes() => new()
    {
        { """{"id":5}""", "'id'" },
        { """{"model":{}}""", "'model'" },
        { """{"created":"1727346178"}""", "'created'" },
        { """{"created":1.5}""", "'created'" },
        { """{"created":9223372036854775808}""", "'created'" },
        { """{"created":null}""", "'created'" },
        { """{"choices":{}}""", "'choices'" },
        { """{"choices":[5]}""", "'choices[]'" },
        { """{"choices":[{"index":"0"}]}""", "'choices[].index'" },
        { """{"choices":[{"index":2147483648}]}""", "'choices[].index'" },
        { """{"choices":[{"delta":[]}]}""", "'choices[].delta'" },
        { """{"choices":[{"delta":{"content":7}}]}""", "'choices[].delta.content'" },
        { """{"choices":[{"delta":{"role":true}}]}""", "'choices[].delta.role'" },
        { """{"choices":[{"finish_reason":1}]}""", "'choices[].finish_reason'" },
        { """{"choices":[{"delta":{"tool_calls":{}}}]}""", "'choices[].delta.tool_calls'" },
        { """{"choices":[{"delta":{"tool_calls":[{"index":"0"}]}}]}""", "'choices[].delta.tool_calls[].index'" },
        { """{"choices":[{"delta":{"tool_calls":[{"function":{"arguments":{}}}]}}]}""", "'choices[].delta.tool_calls[].function.arguments'" },
        { """{"choices":[{"delta":{"tool_calls":[{"function":"f"}]}}]}""", "'choices[].delta.tool_calls[].function'" },
        { "[1]", "'(chunk)'" },
        { "\"text\"", "'(chunk)'" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_wrong_typed_member_is_a_json_exception_naming_it(string json, string member)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ModelMeshJson.ChatCompletionChunk));
        var error = Assert.ThrowsAny<JsonException>(() => new ChatChunkReader().Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"id":""")]
    [InlineData("""{"id":"a"} x""")]
    [InlineData("""{"id":"a"}{"id":"b"}""")]
    [InlineData("""{"id":"a",}""")]
    [InlineData("""{"choices":[{"delta":{"content":"x"}}""")]
    [InlineData("""{"usage":5}""")]
    [InlineData("""{"usage":{"prompt_tokens":"x"}}""")]
    [InlineData("""{"choices":[{"logprobs":[1]}]}""")]
    [InlineData("null x")]
    public void Malformed_json_is_a_json_exception_for_both(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, ModelMeshJson.ChatCompletionChunk));
        Assert.ThrowsAny<JsonException>(() => new ChatChunkReader().Read(bytes));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, ModelMeshJson.ChatCompletion));
        Assert.ThrowsAny<JsonException>(() => ChatCompletionReader.Read(bytes));
    }

    [Fact]
    public void Json_null_reads_as_null_for_both()
    {
        Assert.Null(new ChatChunkReader().Read("null"u8));
        Assert.Null(ChatCompletionReader.Read(" null "u8));
    }

    [Fact]
    public void Strings_a_stream_repeats_are_the_same_instance_on_every_chunk()
    {
        var reader = new ChatChunkReader();
        const string Chunk = """{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o","system_fingerprint":"fp_1","service_tier":"default","choices":[{"index":0,"delta":{"role":"assistant","content":"x"},"finish_reason":"stop"}]}""";
        var first = reader.Read(Encoding.UTF8.GetBytes(Chunk))!;
        var second = reader.Read(Encoding.UTF8.GetBytes(Chunk))!;
        Assert.Same(first.Id, second.Id);
        Assert.Same(first.Object, second.Object);
        Assert.Same(first.Model, second.Model);
        Assert.Same(first.SystemFingerprint, second.SystemFingerprint);
        Assert.Same(first.ServiceTier, second.ServiceTier);
        Assert.Same(first.Choices[0].Delta.Role, second.Choices[0].Delta.Role);
        Assert.Same(first.Choices[0].FinishReason, second.Choices[0].FinishReason);
        Assert.NotSame(first.Choices[0].Delta.Content, second.Choices[0].Delta.Content); // content is new every time

        var changed = reader.Read(Encoding.UTF8.GetBytes(Chunk.Replace("chatcmpl-1", "chatcmpl-2", StringComparison.Ordinal)))!;
        Assert.Equal("chatcmpl-2", changed.Id);
        Assert.Same(first.Model, changed.Model);
    }

    [Fact]
    public void Concurrent_streams_do_not_share_a_cache()
    {
        var a = new ChatChunkReader().Read("""{"id":"same"}"""u8)!;
        var b = new ChatChunkReader().Read("""{"id":"same"}"""u8)!;
        Assert.NotSame(a.Id, b.Id);
    }

    private static void AssertChunkEquivalent(string json, ChatChunkReader reader)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        ChatCompletionChunk? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, ModelMeshJson.ChatCompletionChunk);
        }
        catch (JsonException)
        {
            Assert.ThrowsAny<JsonException>(() => reader.Read(bytes));
            return;
        }
        var actual = reader.Read(bytes);
        Assert.Equal(Serialize(expected, ModelMeshJson.ChatCompletionChunk), Serialize(actual, ModelMeshJson.ChatCompletionChunk));
    }

    private static void AssertCompletionEquivalent(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        ChatCompletion? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, ModelMeshJson.ChatCompletion);
        }
        catch (JsonException)
        {
            Assert.ThrowsAny<JsonException>(() => ChatCompletionReader.Read(bytes));
            return;
        }
        var actual = ChatCompletionReader.Read(bytes);
        Assert.Equal(Serialize(expected, ModelMeshJson.ChatCompletion), Serialize(actual, ModelMeshJson.ChatCompletion));
    }

    private static string Serialize<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        value is null ? "null" : JsonSerializer.Serialize(value, info);
}
