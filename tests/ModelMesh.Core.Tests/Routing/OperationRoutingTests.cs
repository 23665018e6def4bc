using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// Defect 10 and a rough edge of the correctness issue: a request reaches only models that serve its kind of
/// call, and a request's <c>model</c> may be an upstream model name as users write it.
/// </summary>
public sealed class OperationRoutingTests
{
    [Fact]
    public async Task A_chat_request_for_an_embeddings_pool_is_refused_naming_the_pools_that_serve_chat()
    {
        await using var fx = await MeshFixture.StartAsync("a", "e");
        fx.AlwaysAnswer("a").AlwaysAnswer("e");
        using var mesh = fx.Builder([MeshFixture.Model("a"), MeshFixture.Model("e", "text-embedding-3-small", capability: "text-embeddings")])
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" })
            .AddPool(new PoolDefinition { Id = "embed", Capability = "text-embeddings" })
            .Build();

        var error = await Assert.ThrowsAsync<OperationNotServedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "embed")));
        var streamed = await Assert.ThrowsAsync<OperationNotServedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(model: "embed"))));

        Assert.Equal("embed", error.PoolId);
        Assert.Equal(MeshOperation.Chat, error.Operation);
        Assert.Equal(["chat"], error.ServingPools);
        Assert.Contains("Pools that do: chat", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, streamed.Message);
        Assert.Throws<OperationNotServedException>(() => mesh.Explain(MeshFixture.Ask(model: "embed")));
        Assert.Empty(fx["e"].Requests);
    }

    [Fact]
    public async Task An_embeddings_request_for_a_chat_pool_is_refused_naming_the_pools_that_serve_embeddings()
    {
        await using var fx = await MeshFixture.StartAsync("a", "e");
        using var mesh = fx.Builder([MeshFixture.Model("a"), MeshFixture.Model("e", "text-embedding-3-small", capability: "text-embeddings")])
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" })
            .AddPool(new PoolDefinition { Id = "embed", Capability = "text-embeddings" })
            .Build();

        var error = await Assert.ThrowsAsync<OperationNotServedException>(() => mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "chat", Input = EmbeddingInput.FromText("hi") }));

        Assert.Equal(["embed"], error.ServingPools);
        Assert.Empty(fx["a"].Requests);
    }

    [Fact]
    public async Task A_pool_mixing_chat_and_embeddings_models_sends_chat_only_to_chat_models()
    {
        await using var fx = await MeshFixture.StartAsync("a", "e");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Builder([MeshFixture.Model("e", "text-embedding-3-small", capability: "text-embeddings"), MeshFixture.Model("a")])
            .AddPool(new PoolDefinition { Id = "mixed", Models = ["e.text-embedding-3-small", "a.m"] })
            .Build();

        var explanation = mesh.Explain(MeshFixture.Ask(model: "mixed"));
        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "mixed"));

        Assert.Equal("a.m", explanation.SelectedModel);
        Assert.Equal(ExclusionReason.WrongOperation, explanation.Candidates.Single(c => c.ModelId == "e.text-embedding-3-small").Exclusion);
        Assert.Equal("from a", reply.Choices[0].Message.Content);
        Assert.Empty(fx["e"].Requests);
    }

    [Fact]
    public async Task A_policy_sees_the_kind_of_call_as_a_MeshOperation()
    {
        await using var fx = await MeshFixture.StartAsync("a", "e");
        fx.AlwaysAnswer("a");
        fx["e"].EnqueueJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}""");
        var seen = new List<MeshOperation>();
        using var mesh = fx.Builder([MeshFixture.Model("a"), MeshFixture.Model("e", "text-embedding-3-small", capability: "text-embeddings")])
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Policy = new RecordingPolicy(seen) })
            .AddPool(new PoolDefinition { Id = "embed", Capability = "text-embeddings", Policy = new RecordingPolicy(seen) })
            .Build();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat"));
        await mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "embed", Input = EmbeddingInput.FromText("hi") });

        Assert.Equal([MeshOperation.Chat, MeshOperation.Embeddings], seen);
    }

    /// <summary>Notes the kind of call of every request it chooses for (one instance per pool, one shared list).</summary>
    private sealed class RecordingPolicy(List<MeshOperation> seen) : BaseRotationPolicy(null)
    {
        public override string Id => "tests.recording.v1";

        public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
        {
            lock (seen)
            {
                seen.Add(request.Operation);
            }
            return base.Select(candidates, request);
        }
    }

    [Fact]
    public async Task An_upstream_model_name_routes_to_every_deployment_of_it_with_failover()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 503).EnqueueJson(MeshFixture.ErrorJson("down"), 503);
        fx.AlwaysAnswer("b").AlwaysAnswer("c");
        using var mesh = fx.Builder([MeshFixture.Model("a", "gpt-4o"), MeshFixture.Model("b", "gpt-4o"), MeshFixture.Model("c", "llama3")])
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" })
            .Build();

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "gpt-4o"));

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(["a.gpt-4o", "b.gpt-4o"], mesh.PoolStatus("gpt-4o").Models.Select(m => m.ModelId));
        Assert.Empty(fx["c"].Requests);
        Assert.Contains("\"model\":\"gpt-4o\"", fx["b"].Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_name_suggests_the_nearest_pool_alias_or_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Builder([MeshFixture.Model("a", "gpt-4o")]).AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" }).Build();

        var typo = await Assert.ThrowsAsync<ModelNotFoundException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "gpt-4p")));
        var alias = await Assert.ThrowsAsync<ModelNotFoundException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-compleshun")));

        Assert.Contains("Did you mean 'gpt-4o'?", typo.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'chat-completion'?", alias.Message, StringComparison.Ordinal);
        Assert.Equal("gpt-4o", typo.Suggestion);
        Assert.Equal(["chat"], typo.Pools);
    }
}
