using Microsoft.Extensions.AI;
using ModelMesh.AI;
using ModelMesh.Core.Tests.Routing;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.AI;

public sealed class MeshEmbeddingGeneratorTests
{
    private const string TwoEmbeddings = """{"object":"list","data":[{"object":"embedding","index":1,"embedding":[3.0,4.0]},{"object":"embedding","index":0,"embedding":[1.0,2.0]}],"model":"e","usage":{"prompt_tokens":6,"total_tokens":6}}""";

    [Fact]
    public async Task Generates_one_embedding_per_input_in_order_with_dimensions_model_and_usage()
    {
        await using var fx = await MeshFixture.StartAsync("b");
        fx["b"].EnqueueJson(TwoEmbeddings);
        using var mesh = fx.Builder([MeshFixture.Model("b", "embed", capability: "text-embeddings")]).Build();
        using Meai.IEmbeddingGenerator<string, Meai.Embedding<float>> generator = mesh.AsIEmbeddingGenerator("text-embeddings");

        var embeddings = await generator.GenerateAsync(["one", "two"], new Meai.EmbeddingGenerationOptions { Dimensions = 2, AdditionalProperties = new() { ["user_tag"] = "t" } });

        Assert.Equal(2, embeddings.Count);
        Assert.Equal([1f, 2f], embeddings[0].Vector.ToArray());
        Assert.Equal([3f, 4f], embeddings[1].Vector.ToArray());
        Assert.All(embeddings, e => Assert.Equal("b.embed", e.ModelId));
        Assert.Equal(6, embeddings.Usage!.InputTokenCount);
        var body = fx["b"].Requests[0].Body!;
        Assert.Contains("\"dimensions\":2", body, StringComparison.Ordinal);
        Assert.Contains("\"input\":[\"one\",\"two\"]", body, StringComparison.Ordinal);
        Assert.Contains("\"user_tag\":\"t\"", body, StringComparison.Ordinal);
        Assert.Same(mesh, generator.GetService<MeshClient>());
        Assert.Equal("modelmesh", generator.GetService<Meai.EmbeddingGeneratorMetadata>()!.ProviderName);
    }

    [Fact]
    public async Task No_model_and_unknown_models_are_precise_errors()
    {
        await using var fx = await MeshFixture.StartAsync("b");
        using var mesh = fx.Builder([MeshFixture.Model("b", "embed", capability: "text-embeddings")]).Build();

        await Assert.ThrowsAsync<ArgumentException>(() => mesh.AsIEmbeddingGenerator().GenerateAsync(["x"]));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => mesh.AsIEmbeddingGenerator("nope").GenerateAsync(["x"]));
    }
}
