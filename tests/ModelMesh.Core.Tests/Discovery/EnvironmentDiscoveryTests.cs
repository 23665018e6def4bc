using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelMesh.Core.Tests.Logging;

namespace ModelMesh.Core.Tests.Discovery;

/// <summary>Issue 12: a local runtime found by its host variable routes to the models it serves, discovered at the first request.</summary>
public sealed class EnvironmentDiscoveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_OLLAMA_HOST_mesh_routes_to_a_pulled_model_the_catalogue_lacks_and_never_calls_a_catalogue_model_the_runtime_lacks()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync(("qwen2.5:0.5b", ["completion", "tools"]));
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)) });
        var outcome = new RoutingOutcome();

        var answer = await client.Chat.Completions.CreateAsync(Chat(), outcome).WaitAsync(Bound);

        Assert.Equal("from qwen2.5:0.5b", answer.Choices[0].Message.Content);
        Assert.Equal("ollama.qwen2.5:0.5b", outcome.ModelId);
        Assert.Equal(["qwen2.5:0.5b"], ollama.ChatModels); // no catalogue model (llama3, …) was ever asked for
        Assert.Equal(1, ollama.Calls("GET", "/api/tags"));
        Assert.Equal(1, ollama.Calls("POST", "/api/show"));
    }

    [Fact]
    public async Task An_embedding_only_model_is_not_used_for_chat()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync(("all-minilm:latest", ["embedding"]), ("qwen2.5:0.5b", ["completion"]));
        using var client = Mesh.Create(["chat-completion", "text-embeddings"], new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)) });

        var answer = await client.Chat.Completions.CreateAsync(Chat(), new RoutingOutcome()).WaitAsync(Bound);

        Assert.Equal("from qwen2.5:0.5b", answer.Choices[0].Message.Content);
        Assert.DoesNotContain("all-minilm:latest", ollama.ChatModels);
        Assert.Equal(["ollama.qwen2.5:0.5b"], client.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
        Assert.Equal(["ollama.all-minilm:latest"], client.PoolStatus("text-embeddings").Models.Select(m => m.ModelId));
    }

    [Fact]
    public async Task Fifty_concurrent_first_requests_cause_exactly_one_model_list_call()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync(("qwen2.5:0.5b", ["completion"]));
        ollama.Hold();
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)) });

        // Each call runs synchronously until it waits for the discovery, so all fifty wait on the same one.
        var calls = Enumerable.Range(0, 50).Select(_ => client.Chat.Completions.CreateAsync(Chat())).ToArray();
        await WaitUntil(() => ollama.Calls("GET", "/api/tags") == 1);
        ollama.ListGate.SetResult();
        var answers = await Task.WhenAll(calls).WaitAsync(Bound);

        Assert.All(answers, a => Assert.Equal("from qwen2.5:0.5b", a.Choices[0].Message.Content));
        Assert.Equal(1, ollama.Calls("GET", "/api/tags"));
        Assert.Equal(1, ollama.Calls("POST", "/api/show"));
    }

    [Fact]
    public async Task A_caller_cancelling_during_discovery_gets_OperationCanceledException_and_the_next_caller_a_discovered_model()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync(("qwen2.5:0.5b", ["completion"]));
        ollama.Hold();
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)) });
        using var cancel = new CancellationTokenSource();

        var first = client.Chat.Completions.CreateAsync(Chat(), cancel.Token);
        await WaitUntil(() => ollama.Calls("GET", "/api/tags") == 1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Bound));
        var next = client.Chat.Completions.CreateAsync(Chat());
        ollama.ListGate.SetResult();
        var answer = await next.WaitAsync(Bound);

        Assert.Equal("from qwen2.5:0.5b", answer.Choices[0].Message.Content);
        Assert.Equal(1, ollama.Calls("GET", "/api/tags")); // the cancelled caller neither stopped nor restarted the discovery
    }

    [Fact]
    public async Task Discovery_down_falls_back_to_the_catalogue_is_logged_and_is_retried_after_the_cooldown_not_per_request()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync(("qwen2.5:0.5b", ["completion"]));
        ollama.ListStatus = 503;
        ollama.AlsoAnswers.Add("llama3"); // the catalogue's first chat model, as if it had been pulled
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturingLoggerProvider();
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)), TimeProvider = clock, LoggerFactory = logs });

        var fallback = await client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound);
        await client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound);
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound);

        Assert.Equal("from llama3", fallback.Choices[0].Message.Content);
        Assert.Equal(1, ollama.Calls("GET", "/api/tags"));
        var failed = Assert.Single(logs.Entries, e => e.Id.Id == 1401);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("ollama", failed.Message, StringComparison.Ordinal);

        ollama.ListStatus = 200;
        clock.Advance(TimeSpan.FromSeconds(31));
        var discovered = await client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound);

        Assert.Equal(2, ollama.Calls("GET", "/api/tags"));
        Assert.Equal("from qwen2.5:0.5b", discovered.Choices[0].Message.Content);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1400);
    }

    [Fact]
    public async Task LMSTUDIO_HOST_detection_discovers_the_loaded_models_from_v1_models()
    {
        await using var lmstudio = await FakeLocalRuntime.StartAsync(("qwen2.5-7b-instruct", null));
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("LMSTUDIO_HOST", lmstudio.Upstream.BaseUrl.Authority)) });
        var outcome = new RoutingOutcome();

        var answer = await client.Chat.Completions.CreateAsync(Chat(), outcome).WaitAsync(Bound);

        Assert.Equal("from qwen2.5-7b-instruct", answer.Choices[0].Message.Content);
        Assert.Equal("lmstudio.qwen2.5-7b-instruct", outcome.ModelId);
        Assert.Equal(1, lmstudio.Calls("GET", "/v1/models"));
    }

    [Fact]
    public async Task With_nothing_routable_the_no_model_error_says_discovery_failed_and_why()
    {
        await using var vllm = await FakeLocalRuntime.StartAsync();
        vllm.ListStatus = 500;
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("VLLM_HOST", vllm.Upstream.BaseUrl.Authority)) });

        var error = await Assert.ThrowsAsync<NoActiveModelException>(() => client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound));

        Assert.Contains("the pool has no models", error.Message, StringComparison.Ordinal);
        Assert.Contains("model discovery of provider 'vllm' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_turned_off_serves_the_catalogue_and_calls_no_model_list()
    {
        await using var ollama = await FakeLocalRuntime.StartAsync();
        ollama.AlsoAnswers.Add("llama3");
        using var client = Mesh.Create("chat-completion", new MeshOptions { Environment = Env(("OLLAMA_HOST", ollama.Upstream.BaseUrl.Authority)), Discovery = null });

        var answer = await client.Chat.Completions.CreateAsync(Chat()).WaitAsync(Bound);

        Assert.Equal("from llama3", answer.Choices[0].Message.Content);
        Assert.Equal(0, ollama.Calls("GET", "/api/tags"));
    }

    internal static ChatCompletionRequest Chat() => new() { Model = "chat-completion", Messages = [ChatMessage.User("hi")] };

    internal static async Task WaitUntil(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
