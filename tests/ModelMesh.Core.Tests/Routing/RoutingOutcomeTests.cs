namespace ModelMesh.Core.Tests.Routing;

/// <summary><see cref="RoutingOutcome"/>: which model answered and after how many attempts, for whole and streamed calls.</summary>
public sealed class RoutingOutcomeTests
{
    [Fact]
    public async Task A_whole_answer_after_a_retry_and_a_failover_names_the_answering_model_and_counts_every_attempt()
    {
        await using var mesh = await MeshFixture.StartAsync("a", "b");
        mesh["a"].EnqueueJson(MeshFixture.ErrorJson("busy"), 500).EnqueueJson(MeshFixture.ErrorJson("busy"), 500);
        mesh["b"].EnqueueJson(MeshFixture.CompletionJson("from b"));
        using var client = mesh.Mesh();
        var outcome = new RoutingOutcome();

        var reply = await client.Chat.Completions.CreateAsync(MeshFixture.Ask(), outcome);

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal("chat", outcome.PoolId);
        Assert.Equal("b.m", outcome.ModelId);
        Assert.Equal("b", outcome.ProviderId);
        Assert.Equal(3, outcome.Attempts);   // a twice (MaxAttempts 2), then b
        Assert.Equal(2, outcome.ModelsTried);
    }

    [Fact]
    public async Task A_stream_names_its_model_by_the_time_its_first_chunk_is_yielded()
    {
        await using var mesh = await MeshFixture.StartAsync("a", "b");
        mesh["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 503).EnqueueJson(MeshFixture.ErrorJson("down"), 503);
        mesh["b"].EnqueueSse(MeshFixture.Stream("Hello", " world"));
        using var client = mesh.Mesh();
        var outcome = new RoutingOutcome();
        string? modelAtFirstChunk = null;

        await foreach (var _ in client.Chat.Completions.StreamAsync(MeshFixture.Ask(), outcome))
        {
            modelAtFirstChunk ??= outcome.ModelId;
        }

        Assert.Equal("b.m", modelAtFirstChunk);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(2, outcome.ModelsTried);
    }

    [Fact]
    public async Task A_failed_call_leaves_no_model_but_counts_its_attempts()
    {
        await using var mesh = await MeshFixture.StartAsync("a");
        mesh["a"].Otherwise((context, _) => ModelMesh.Testing.LoopbackUpstream.WriteAsync(context, 500, "application/json", System.Text.Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("down"))));
        using var client = mesh.Mesh();
        var outcome = new RoutingOutcome();

        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => client.Chat.Completions.CreateAsync(MeshFixture.Ask(), outcome));

        Assert.Null(outcome.ModelId);
        Assert.Equal(2, outcome.Attempts);
        Assert.Equal("chat", outcome.PoolId);
    }

    [Fact]
    public async Task Embeddings_name_their_model_too()
    {
        await using var mesh = await MeshFixture.StartAsync("a");
        mesh["a"].EnqueueJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],"model":"e","usage":{"prompt_tokens":1,"total_tokens":1}}""");
        using var client = mesh.Builder([MeshFixture.Model("a", "e", capability: "text-embeddings")])
            .AddPool(new PoolDefinition { Id = "embed", Capability = "text-embeddings" }).Build();
        var outcome = new RoutingOutcome();

        await client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "embed", Input = "hi" }, outcome);

        Assert.Equal("a.e", outcome.ModelId);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task An_unknown_model_is_a_ModelNotFoundException_with_the_nearest_name()
    {
        await using var mesh = await MeshFixture.StartAsync("a");
        using var client = mesh.Mesh();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => client.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chta")));

        Assert.Equal("chta", error.Name);
        Assert.Equal("chat", error.Suggestion);
        Assert.Contains("Did you mean 'chat'?", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<RoutingException>(error); // callers catching RoutingException still do
    }

    [Fact]
    public async Task Models_retrieve_finds_pools_and_models_and_suggests_for_the_rest()
    {
        await using var mesh = await MeshFixture.StartAsync("a");
        using var client = mesh.Mesh();

        Assert.Equal("modelmesh", (await client.Models.RetrieveAsync("chat")).OwnedBy);
        Assert.Equal("a", (await client.Models.RetrieveAsync("a.m")).OwnedBy);
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => client.Models.RetrieveAsync("a.n"));
        Assert.Equal("a.m", error.Suggestion);
    }
}
