using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Audio;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Client;

/// <summary>
/// The mesh sends each model a copy of the caller's embeddings, speech or transcription request with only the model
/// replaced: every other field reaches the upstream. The samples set every property, and a guard (over the
/// source-generated metadata, no reflection) fails when a request gains a property they do not set.
/// </summary>
public sealed class RequestCopyTests
{
    private const string EmbeddingJson = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]},{"object":"embedding","index":1,"embedding":[1.5]}],"model":"e","usage":{"prompt_tokens":3,"total_tokens":3}}""";

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static EmbeddingRequest FullEmbedding() => new()
    {
        Model = "text-embeddings",
        Input = EmbeddingInput.FromTexts(["one", "two"]),
        EncodingFormat = "float",
        Dimensions = 256,
        User = "user-42",
        AdditionalProperties = new() { ["input_type"] = Json("\"query\""), ["truncate"] = Json("""{"side":"end"}""") },
    };

    private static SpeechRequest FullSpeech() => new()
    {
        Model = "text-to-speech",
        Input = "Hello there",
        Voice = "nova",
        ResponseFormat = "wav",
        Speed = 1.25,
        Instructions = "Speak cheerfully.",
        AdditionalProperties = new() { ["stream_format"] = Json("\"audio\"") },
    };

    private static readonly byte[] Audio = [1, 2, 3, 250, 251];

    /// <summary>Every property but one of the two alternatives for the audio (the bytes or a stream).</summary>
    private static TranscriptionRequest FullTranscription(bool stream) => new()
    {
        Model = "speech-to-text",
        File = stream ? default : Audio,
        FileStream = stream ? new MemoryStream(Audio) : null,
        FileName = "speech.wav",
        FileContentType = "audio/wav",
        Language = "de",
        Prompt = "Guten Tag.",
        ResponseFormat = "verbose_json",
        Temperature = 0.2,
        TimestampGranularities = ["word", "segment"],
        AdditionalFields = [new("include[]", "logprobs"), new("chunking_strategy", "auto")],
    };

    [Fact]
    public void The_samples_set_every_property_of_each_request()
    {
        EverySet(ModelMeshJson.EmbeddingRequest, new EmbeddingRequest(), FullEmbedding());
        EverySet(ModelMeshJson.SpeechRequest, new SpeechRequest(), FullSpeech());
        EverySet(RequestShapes.Default.TranscriptionRequest, new TranscriptionRequest(), FullTranscription(stream: false), FullTranscription(stream: true));
    }

    /// <summary>Each property has a value other than a new request's in one of the samples.</summary>
    private static void EverySet<T>(JsonTypeInfo<T> info, T fresh, params T[] samples)
        where T : class
    {
        Assert.NotEmpty(info.Properties);
        foreach (var property in info.Properties)
        {
            Assert.True(samples.Any(sample => property.Get!(sample) is { } value && !Equals(value, property.Get!(fresh))),
                $"{typeof(T).Name}.{property.Name} is not set by a full sample of {nameof(RequestCopyTests)}; set it there so the copy is tested with it.");
        }
    }

    [Fact]
    public void Clone_copies_every_field_and_its_own_extension_data()
    {
        var embedding = FullEmbedding();
        var embeddingCopy = embedding.Clone();
        Assert.Equal(JsonSerializer.Serialize(embedding, ModelMeshJson.EmbeddingRequest), JsonSerializer.Serialize(embeddingCopy, ModelMeshJson.EmbeddingRequest));
        embeddingCopy.Model = "other";
        embeddingCopy.AdditionalProperties!["extra"] = Json("1");
        Assert.Equal("text-embeddings", embedding.Model);
        Assert.False(embedding.AdditionalProperties!.ContainsKey("extra"));

        var speech = FullSpeech();
        var speechCopy = speech.Clone();
        Assert.Equal(JsonSerializer.Serialize(speech, ModelMeshJson.SpeechRequest), JsonSerializer.Serialize(speechCopy, ModelMeshJson.SpeechRequest));
        speechCopy.Voice = "echo";
        speechCopy.AdditionalProperties!.Remove("stream_format");
        Assert.Equal("nova", speech.Voice);
        Assert.True(speech.AdditionalProperties!.ContainsKey("stream_format"));

        foreach (var transcription in new[] { FullTranscription(stream: false), FullTranscription(stream: true) })
        {
            var copy = transcription.Clone();
            Assert.NotSame(transcription, copy);
            foreach (var property in RequestShapes.Default.TranscriptionRequest.Properties)
            {
                Assert.True(Equals(property.Get!(transcription), property.Get!(copy)), "TranscriptionRequest." + property.Name + " was not copied");
            }
            copy.Language = "fr";
            Assert.Equal("de", transcription.Language);
        }
    }

    /// <summary>A mesh whose one provider (id "a") records the requests it is handed and serves <paramref name="model"/>.</summary>
    private static MeshClient Mesh(RecordingProvider provider, string model, string capability) =>
        new MeshBuilder().AddProvider(provider).AddModels([MeshFixture.Model("a", model, capability: capability)]).Build();

    private static RecordingProvider Provider(LoopbackUpstream upstream) =>
        new(new ProviderOptions("a", upstream.BaseUrl) { ApiKey = "sk-test-a-0123456789", RequestTimeout = TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task Every_embeddings_field_reaches_the_upstream_with_only_the_model_replaced()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(EmbeddingJson);
        var provider = Provider(upstream);
        using var mesh = Mesh(provider, "embed", "text-embeddings");
        var request = FullEmbedding();

        await mesh.Embeddings.CreateAsync(request);

        var expected = FullEmbedding();
        expected.Model = "embed";
        var json = JsonSerializer.Serialize(expected, ModelMeshJson.EmbeddingRequest);
        Assert.Equal(json, Assert.Single(upstream.Requests).Body);
        Assert.Equal(json, JsonSerializer.Serialize(Assert.Single(provider.Embeddings), ModelMeshJson.EmbeddingRequest));
        Assert.NotSame(request, provider.Embeddings[0]);
        Assert.Equal(JsonSerializer.Serialize(FullEmbedding(), ModelMeshJson.EmbeddingRequest), JsonSerializer.Serialize(request, ModelMeshJson.EmbeddingRequest));
    }

    [Fact]
    public async Task Every_speech_field_reaches_the_upstream_with_only_the_model_replaced()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes([1, 2, 3], "audio/wav");
        var provider = Provider(upstream);
        using var mesh = Mesh(provider, "tts", "text-to-speech");
        var request = FullSpeech();

        await mesh.Audio.Speech.CreateAsync(request);

        var expected = FullSpeech();
        expected.Model = "tts";
        var json = JsonSerializer.Serialize(expected, ModelMeshJson.SpeechRequest);
        Assert.Equal(json, Assert.Single(upstream.Requests).Body);
        Assert.Equal(json, JsonSerializer.Serialize(Assert.Single(provider.Speech), ModelMeshJson.SpeechRequest));
        Assert.NotSame(request, provider.Speech[0]);
        Assert.Equal("text-to-speech", request.Model);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_transcription_field_reaches_the_provider_and_the_upstream_with_only_the_model_replaced(bool stream)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        var received = new List<ReceivedForm>();
        upstream.Enqueue(ReceivedForm.Capture(received, "application/json", """{"text":"hallo"}"""));
        var provider = Provider(upstream);
        using var mesh = Mesh(provider, "whisper", "speech-to-text");
        var request = FullTranscription(stream);

        await mesh.Audio.Transcriptions.CreateAsync(request);

        // Not JSON on the wire, and a provider may read any property: compare them one by one.
        var sent = Assert.Single(provider.Transcriptions);
        Assert.NotSame(request, sent);
        Assert.Equal("whisper", sent.Model);
        foreach (var property in RequestShapes.Default.TranscriptionRequest.Properties.Where(p => p.Name != nameof(TranscriptionRequest.Model)))
        {
            Assert.True(Equals(property.Get!(request), property.Get!(sent)), "TranscriptionRequest." + property.Name + " was not copied");
        }
        var form = Assert.Single(received);
        KeyValuePair<string, string>[] expected =
        [
            new("model", "whisper"), new("language", "de"), new("prompt", "Guten Tag."), new("response_format", "verbose_json"),
            new("temperature", "0.2"), new("timestamp_granularities[]", "word"), new("timestamp_granularities[]", "segment"),
            new("include[]", "logprobs"), new("chunking_strategy", "auto"),
        ];
        Assert.Equal(expected.Order(FieldOrder.Instance), form.Fields.Order(FieldOrder.Instance));
        Assert.Equal(("file", "speech.wav", "audio/wav"), (form.FileField, form.FileName, form.FileContentType));
        Assert.Equal(Audio, form.FileBytes);
        Assert.Equal("speech-to-text", request.Model);
    }
}

/// <summary>An OpenAI-compatible provider that keeps each request the mesh hands it.</summary>
internal sealed class RecordingProvider(ProviderOptions options) : OpenAICompatibleProvider(options)
{
    public List<EmbeddingRequest> Embeddings { get; } = [];

    public List<SpeechRequest> Speech { get; } = [];

    public List<TranscriptionRequest> Transcriptions { get; } = [];

    protected override void BuildEmbeddingsPayload(Utf8JsonWriter writer, EmbeddingRequest request)
    {
        Embeddings.Add(request);
        base.BuildEmbeddingsPayload(writer, request);
    }

    protected override void BuildSpeechPayload(Utf8JsonWriter writer, SpeechRequest request)
    {
        Speech.Add(request);
        base.BuildSpeechPayload(writer, request);
    }

    protected override HttpContent BuildTranscriptionContent(TranscriptionRequest request)
    {
        Transcriptions.Add(request);
        return base.BuildTranscriptionContent(request);
    }
}

/// <summary>Form fields by name, then value (the form reader groups repeated names).</summary>
internal sealed class FieldOrder : IComparer<KeyValuePair<string, string>>
{
    public static FieldOrder Instance { get; } = new();

    public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y)
    {
        var byName = string.CompareOrdinal(x.Key, y.Key);
        return byName != 0 ? byName : string.CompareOrdinal(x.Value, y.Value);
    }
}

/// <summary>Metadata for the request that is not JSON on the wire (a form), so the guard can list its properties.</summary>
[JsonSerializable(typeof(TranscriptionRequest))]
internal sealed partial class RequestShapes : JsonSerializerContext;
