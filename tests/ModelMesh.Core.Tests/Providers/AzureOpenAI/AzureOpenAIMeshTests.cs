using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.AzureOpenAI;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.AzureOpenAI;

/// <summary>The connector in a mesh: the streaming contract, and a filtered answer given to the caller, not failed over.</summary>
public sealed class AzureOpenAIMeshTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private const string PromptFilter = "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}\n\n";

    [Fact]
    public async Task A_500_before_any_content_fails_over()
    {
        await using var azure = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        azure.EnqueueJson(MeshFixture.ErrorJson("Internal error"), status: 500);
        other.EnqueueSse(MeshFixture.Stream("fine"));
        using var mesh = BuildMesh(azure, other);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound);

        Assert.Equal(["fine"], texts);
        Assert.Single(azure.Requests);
    }

    [Fact]
    public async Task A_cut_after_content_is_a_stream_interruption_and_is_not_repeated_elsewhere()
    {
        await using var azure = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        azure.EnqueueBytes(Encoding.UTF8.GetBytes(PromptFilter + MeshFixture.Chunk("Hello", role: "assistant")), "text/event-stream");
        other.EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = BuildMesh(azure, other);

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))).WaitAsync(Bound);

        Assert.Equal("Hello", error.PartialText);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_stream_filtered_before_content_is_given_to_the_caller_as_a_content_filter_error()
    {
        await using var azure = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        azure.EnqueueSse(PromptFilter + MeshFixture.Chunk(null, "content_filter", role: "assistant") + "data: [DONE]\n\n");
        other.EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = BuildMesh(azure, other);

        var error = await Assert.ThrowsAsync<ContentFilterException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))).WaitAsync(Bound);

        Assert.False(error.IsRetryable);
        Assert.Empty(other.Requests);
    }

    private static MeshClient BuildMesh(LoopbackUpstream azure, LoopbackUpstream other) => new MeshBuilder()
        .AddProvider(new AzureOpenAIProvider(new ProviderOptions("azure", azure.BaseUrl) { ApiKey = "azure-key-0123456789", RequestTimeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(10) }))
        .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("b", other.BaseUrl) { ApiKey = "sk-test-b-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
        .AddModels(
            new ModelDefinition { Id = "azure.gpt-4o", ProviderId = "azure", UpstreamModel = "gpt-4o-prod", Capabilities = ["chat-completion"] },
            MeshFixture.Model("b"))
        .AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.StickUntilFailure,
            Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
        })
        .Build();
}
