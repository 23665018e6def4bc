using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

public sealed class MeshClientTests
{
    private const string EmbeddingJson = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1.25,2.0]}],"model":"e","usage":{"prompt_tokens":3,"total_tokens":3}}""";

    private static ModelDefinition[] ChatAndEmbeddings() =>
    [
        MeshFixture.Model("a"),
        MeshFixture.Model("b", "embed", inputPer1K: 0.0001m, outputPer1K: 0m, capability: "text-embeddings"),
    ];

    [Fact]
    public async Task Embeddings_go_to_a_model_serving_embeddings_and_come_back_as_floats()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["b"].EnqueueJson(EmbeddingJson);
        using var mesh = fx.Builder(ChatAndEmbeddings()).AddPool(new PoolDefinition { Id = "everything", Models = ["a.m", "b.embed"] }).Build();

        var response = await mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "everything", Input = "Hello world" });

        Assert.Equal([0.5f, -1.25f, 2.0f], response.Data[0].Vector.Values);
        Assert.Equal(EmbeddingEncoding.Float, response.Data[0].Vector.Encoding);
        Assert.Empty(fx["a"].Requests); // the chat model does not serve embeddings
        Assert.Contains("\"model\":\"embed\"", fx["b"].Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(3, mesh.Usage.ByModel["b.embed"].PromptTokens);
    }

    [Fact]
    public async Task Embeddings_asked_for_in_base64_come_back_in_base64_even_if_the_upstream_sent_floats()
    {
        await using var fx = await MeshFixture.StartAsync("b");
        fx["b"].EnqueueJson(EmbeddingJson);
        using var mesh = fx.Builder([ChatAndEmbeddings()[1]]).Build();

        var response = await mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = "Hello", EncodingFormat = "base64" });

        var json = JsonSerializer.Serialize(response, ModelMeshJson.EmbeddingResponse);
        var base64 = JsonDocument.Parse(json).RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!;
        Assert.Equal([0.5f, -1.25f, 2.0f], EmbeddingVector.FromBase64(base64).Values);
        Assert.Contains("\"encoding_format\":\"base64\"", fx["b"].Requests[0].Body, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "text-embeddings", Input = "x", EncodingFormat = "int8" }));
    }

    [Fact]
    public async Task Speech_returns_the_audio_bytes_and_fails_over_like_chat()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var audio = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueBytes(audio, "audio/mpeg");
        ModelDefinition[] models = [MeshFixture.Model("a", "tts", capability: "text-to-speech"), MeshFixture.Model("b", "tts", capability: "text-to-speech")];
        using var mesh = fx.Builder(models).Build();

        var result = await mesh.Audio.Speech.CreateAsync(new SpeechRequest { Model = "text-to-speech", Input = "Hello there", Voice = "alloy" });

        Assert.Equal(audio, result.Audio.ToArray());
        Assert.Contains("\"model\":\"tts\"", fx["b"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcriptions_are_routed_to_a_speech_to_text_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueJson("""{"text":"hello world"}""");
        using var mesh = fx.Builder([MeshFixture.Model("a", "whisper", capability: "speech-to-text")]).Build();

        var result = await mesh.Audio.Transcriptions.CreateAsync(new TranscriptionRequest { Model = "speech-to-text", File = new byte[] { 1, 2, 3 }, FileName = "a.wav" });

        Assert.Equal("hello world", result.Text);
        Assert.Equal("/v1/audio/transcriptions", fx["a"].Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task The_models_list_shows_pools_their_aliases_then_models_without_calling_upstream()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        using var mesh = fx.Mesh();

        var list = await mesh.Models.ListAsync();

        Assert.Equal(["chat", "chat-completion", "a.m", "b.m"], list.Data.Select(m => m.Id));
        Assert.Equal(["modelmesh", "modelmesh", "a", "b"], list.Data.Select(m => m.OwnedBy));
        Assert.Empty(fx["a"].Requests);
    }

    [Fact]
    public async Task Providers_reach_each_upstream_directly_for_a_probe()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["b"].EnqueueJson("""{"object":"list","data":[{"id":"m","object":"model","owned_by":"b"}]}""");
        using var mesh = fx.Mesh();

        var providers = mesh.Providers;
        var models = await providers.Single(p => p.Id == "b").ListModelsAsync();

        Assert.Equal(["a", "b"], providers.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal("m", Assert.Single(models.Data).Id);
        Assert.EndsWith("/models", Assert.Single(fx["b"].Requests).Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(fx["a"].Requests);
        Assert.All(mesh.PoolStatus("chat").Models, m => Assert.Equal(0, m.Requests)); // no routing, no accounting
    }

    [Fact]
    public async Task Describe_and_PoolStatus_show_each_models_state()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh();
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        mesh.Deactivate("b.m");

        var status = mesh.PoolStatus("chat");
        var text = mesh.Describe();

        Assert.Equal((1, 1, 2), (status.Active, status.Standby, status.Total));
        Assert.Equal("a.m", status.CurrentModel);
        Assert.Contains("pool chat (modelmesh.stick-until-failure.v1, generation.text-generation.chat-completion): 1 active, 1 standby", text, StringComparison.Ordinal);
        Assert.Contains("* a.m via a: Active, 1 request, 0 failures", text, StringComparison.Ordinal);
        Assert.Contains("b.m via b: Standby (Manual)", text, StringComparison.Ordinal);
        Assert.Equal(["a"], mesh.ActiveProviders);
    }

    [Fact]
    public async Task Middleware_runs_before_in_order_and_after_in_reverse_and_sees_the_answering_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        var calls = new List<string>();
        using var mesh = fx.Mesh(middleware: [new Recorder("outer", calls), new Recorder("inner", calls)]);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal(["outer.before", "inner.before", "inner.after:a.m:a", "outer.after:a.m:a"], calls);
        Assert.Contains("\"content\":\"[inner] Hello\"", fx["a"].Requests[0].Body, StringComparison.Ordinal); // before may rewrite the request
        Assert.Equal("from a", reply.Choices[0].Message.Content);
    }

    [Fact]
    public async Task Middleware_runs_around_streams_too_with_the_assembled_answer()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("streamed", " answer"));
        var calls = new List<string>();
        var recorder = new Recorder("only", calls);
        using var mesh = fx.Mesh(middleware: [recorder]);

        await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal(["only.before", "only.after:a.m:a"], calls);
        Assert.Equal("streamed answer", recorder.LastResponse!.Choices[0].Message.Content);
        Assert.True(recorder.LastStreaming);
    }

    [Fact]
    public async Task An_error_hook_can_answer_with_a_fallback_on_both_paths()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("down"))));
        using var mesh = fx.Mesh(middleware: [new Fallback()]);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        var streamed = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal("sorry, try later", reply.Choices[0].Message.Content);
        Assert.Equal(["sorry, try later"], streamed);
    }

    [Fact]
    public async Task An_error_hook_cannot_patch_a_stream_that_already_delivered_content()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("half"));
        });
        var fallback = new Fallback();
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { MaxAttempts = 1 }, middleware: [fallback]);

        await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));
        Assert.Equal(1, fallback.Calls); // it heard of the failure, but its answer was not mixed in
    }

    private sealed class Recorder(string name, List<string> calls) : MeshMiddleware
    {
        public ChatCompletion? LastResponse { get; private set; }

        public bool LastStreaming { get; private set; }

        public override ValueTask BeforeRequestAsync(MiddlewareContext context, CancellationToken cancellationToken)
        {
            calls.Add(name + ".before");
            if (name == "inner")
            {
                var changed = context.Request.Clone();
                changed.Messages = [ChatMessage.User("[inner] " + context.Request.Messages[0].Text)];
                context.Request = changed;
            }
            return ValueTask.CompletedTask;
        }

        public override ValueTask AfterResponseAsync(MiddlewareContext context, CancellationToken cancellationToken)
        {
            calls.Add($"{name}.after:{context.ModelId}:{context.ProviderId}");
            LastResponse = context.Response;
            LastStreaming = context.IsStreaming;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Fallback : MeshMiddleware
    {
        public int Calls { get; private set; }

        public override ValueTask<ChatCompletion?> OnErrorAsync(MiddlewareContext context, Exception error, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult<ChatCompletion?>(ChatCompletion.FromText("fallback", "none", "sorry, try later"));
        }
    }
}
