using ModelMesh.Cdk;

namespace ModelMesh.Benchmarks;

/// <summary>
/// The system under test: <c>poolSize</c> chat models spread over three OpenAI-compatible providers that all send
/// through one in-memory upstream, one pool per strategy over all of them, a one-model pool, and a lone provider
/// (not in the mesh, same options and transport) for the direct-call baselines.
/// </summary>
internal sealed class BenchmarkMesh : IDisposable
{
    public const string DefaultPool = "default";
    public const string RoundRobinPool = "round-robin";
    public const string CostFirstPool = "cost-first";
    public const string LoadBalancedPool = "load-balanced";
    public const string SingleModelPool = "single";

    private const int Providers = 3;

    /// <summary>Requests per model sent before measuring, enough to fill the error-rate (20) and latency (50) windows.</summary>
    private const int PrimingRequestsPerModel = 64;

    private readonly HttpClient _http;

    public BenchmarkMesh(int poolSize, bool streaming)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        var handler = streaming
            ? new CannedUpstreamHandler(CannedUpstream.StreamBody, "text/event-stream")
            : new CannedUpstreamHandler(CannedUpstream.CompletionBody, "application/json");
        // Infinite timeout as BaseProvider asks: the provider applies its own.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        Provider = CreateProvider("direct", _http);
        var builder = new MeshBuilder();
        for (var p = 0; p < Providers; p++)
        {
            builder.AddProvider(CreateProvider("p" + p, _http));
        }
        var models = Enumerable.Range(0, poolSize).Select(i => new ModelDefinition
        {
            Id = $"p{i % Providers}.model-{i}",
            ProviderId = "p" + (i % Providers),
            Capabilities = ["chat-completion"],
            ContextWindow = 128_000,
            MaxOutputTokens = 16_384,
            // Distinct prices so cost-first has something to rank; model-0 is the cheapest.
            Pricing = new ModelPricing(0.00015m + (i * 0.00001m), 0.0006m + (i * 0.00002m)),
            Features = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.JsonSchema | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt,
        }).ToArray();
        builder.AddModels(models);
        builder.AddPool(Pool(DefaultPool, RotationStrategies.StickUntilFailure));
        builder.AddPool(Pool(RoundRobinPool, RotationStrategies.RoundRobin));
        builder.AddPool(Pool(CostFirstPool, RotationStrategies.CostFirst));
        builder.AddPool(Pool(LoadBalancedPool, RotationStrategies.LoadBalanced));
        builder.AddPool(new PoolDefinition { Id = SingleModelPool, Models = [models[0].Id] });
        Mesh = builder.Build();

        DirectRequest = Request(models[0].WireModel);
        Prime(poolSize * PrimingRequestsPerModel, streaming);
    }

    /// <summary>The lone provider for the baselines.</summary>
    public BaseProvider Provider { get; }

    public MeshClient Mesh { get; }

    /// <summary>The request for the direct call: its model is the upstream model name.</summary>
    public ChatCompletionRequest DirectRequest { get; }

    /// <summary>The same request addressed to a pool of the mesh.</summary>
    public static ChatCompletionRequest Request(string model) => new()
    {
        Model = model,
        Messages =
        [
            ChatMessage.System("You are a helpful assistant. Answer in one short paragraph."),
            ChatMessage.User("What is the difference between a process and a thread?"),
        ],
        MaxCompletionTokens = 256,
        Temperature = 0.2,
    };

    public void Dispose()
    {
        Mesh.Dispose(); // disposes the mesh's providers, which leave the shared client alone
        Provider.Dispose();
        _http.Dispose();
    }

    private static OpenAICompatibleProvider CreateProvider(string id, HttpClient http) =>
        new(new ProviderOptions(id, "https://upstream.invalid/v1") { ApiKey = "sk-bench-" + id + "-0123456789abcdef" }, http);

    private static PoolDefinition Pool(string id, string strategy) => new() { Id = id, Capability = "chat-completion", Strategy = strategy };

    /// <summary>
    /// Sends requests round-robin so that every model has a full history, as in a mesh that has been serving for a
    /// while, then checks that every call under test succeeds with the canned answer (a benchmark that hit a
    /// failure path would measure exceptions instead).
    /// </summary>
    private void Prime(int requests, bool streaming)
    {
        var request = Request(RoundRobinPool);
        for (var i = 0; i < requests; i++)
        {
            if (streaming)
            {
                Drain(Mesh.Chat.Completions.StreamAsync(request));
            }
            else
            {
                Mesh.Chat.Completions.CreateAsync(request).GetAwaiter().GetResult();
            }
        }
        foreach (var pool in new[] { DefaultPool, RoundRobinPool, CostFirstPool, LoadBalancedPool, SingleModelPool })
        {
            Verify(pool, streaming, Request(pool), r => Mesh.Chat.Completions.CreateAsync(r), r => Mesh.Chat.Completions.StreamAsync(r));
        }
        Verify("the direct provider", streaming, DirectRequest, r => Provider.CompleteAsync(r), r => Provider.StreamAsync(r));
        if (Mesh.Explain(Request(DefaultPool)).SelectedModel is null)
        {
            throw new InvalidOperationException("Explain selected no model.");
        }
    }

    private static void Verify(string what, bool streaming, ChatCompletionRequest request, Func<ChatCompletionRequest, Task<ChatCompletion>> complete, Func<ChatCompletionRequest, IAsyncEnumerable<ChatCompletionChunk>> stream)
    {
        if (streaming)
        {
            var chunks = Drain(stream(request));
            if (chunks != CannedUpstream.StreamChunks)
            {
                throw new InvalidOperationException($"The stream through {what} yielded {chunks} chunks, not {CannedUpstream.StreamChunks}.");
            }
        }
        else if (complete(request).GetAwaiter().GetResult().Choices[0].Message.Content != CannedUpstream.Answer)
        {
            throw new InvalidOperationException($"The completion through {what} is not the canned answer.");
        }
    }

    /// <summary>
    /// Runs the operations in turn for <paramref name="duration"/>. BenchmarkDotNet's short job warms up for only
    /// three iterations; on two cores the timings of these async paths kept falling for the first 2-3 s of calls
    /// (tiered compilation: tier 0, instrumented, tier 1), which those iterations did not cover.
    /// </summary>
    public static void WarmUp(TimeSpan duration, params Func<Task>[] operations)
    {
        duration = BenchmarkMode.WarmUp(duration);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            foreach (var operation in operations)
            {
                operation().GetAwaiter().GetResult();
            }
        }
    }

    public static int Drain(IAsyncEnumerable<ChatCompletionChunk> chunks) => DrainAsync(chunks).GetAwaiter().GetResult();

    public static async Task<int> DrainAsync(IAsyncEnumerable<ChatCompletionChunk> chunks)
    {
        var count = 0;
        await foreach (var chunk in chunks.ConfigureAwait(false))
        {
            count += chunk.Choices.Count > 0 || chunk.Usage is not null ? 1 : 0;
        }
        return count;
    }
}
