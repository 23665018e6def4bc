using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;
using OpenAI;

namespace ModelMesh.Core.Tests.ChatClients;

/// <summary>
/// Microsoft.Extensions.AI.OpenAI's client over the official OpenAI SDK, pointed at a loopback upstream, as a
/// member of a pool: the real exception type (<see cref="ClientResultException"/>) classified by its status.
/// </summary>
public sealed class OpenAIChatClientTests
{
    private static IChatClient OpenAIChat(LoopbackUpstream upstream) =>
        new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri(upstream.BaseUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // the mesh retries and fails over, not the SDK
            NetworkTimeout = TimeSpan.FromSeconds(20),
        }).GetChatClient("m").AsIChatClient();

    /// <summary>What the OpenAI SDK's exceptions mean: their status, classified as the CDK classifies HTTP statuses.</summary>
    private static ErrorClassification? ClassifyOpenAI(Exception error) =>
        error is ClientResultException { Status: > 0 } result
            ? DefaultErrorClassifier.Classify(new ProviderError(result.Status, null, default, null, inBand: false), DateTimeOffset.UtcNow) with { Message = "OpenAI SDK: HTTP " + result.Status }
            : null;

    private static MeshClient Mesh(IChatClient a, IChatClient b) =>
        new MeshBuilder()
            .AddChatClient("a", a, ClassifyOpenAI, "m")
            .AddChatClient("b", b, "m")
            .AddPool(new PoolDefinition
            {
                Id = "chat",
                Capability = "chat-completion",
                Strategy = RotationStrategies.PrioritySelection,
                Rotation = new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] },
                Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
            })
            .Build();

    [Fact]
    public async Task The_OpenAI_client_answers_whole_and_streamed_as_a_member_of_a_pool()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("whole answer", prompt: 4, completion: 2))
            .EnqueueSse(MeshFixture.Stream("Hello", " world"));
        using var mesh = Mesh(OpenAIChat(upstream), new ScriptedChatClient());

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(TimeSpan.FromSeconds(30));
        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("whole answer", reply.Choices[0].Message.Content);
        Assert.Equal((4, 2), (reply.Usage!.PromptTokens, reply.Usage.CompletionTokens));
        Assert.Equal(FinishReason.Stop, reply.Choices[0].FinishReason);
        Assert.Equal("Hello world", string.Concat(texts));
        Assert.Equal(2, upstream.Requests.Count);
        Assert.All(upstream.Requests, r => Assert.EndsWith("/v1/chat/completions", r.Uri.AbsolutePath, StringComparison.Ordinal));
        Assert.Contains("\"model\":\"m\"", upstream.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_from_the_OpenAI_client_fails_over_and_is_classified_by_its_status()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.ErrorJson("down"), 500).EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        var b = new ScriptedChatClient { Otherwise = ScriptedChatClient.Answer("from b") };
        using var mesh = Mesh(OpenAIChat(upstream), b);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(TimeSpan.FromSeconds(30));
        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(["from b"], texts);
        Assert.Equal(2, upstream.Requests.Count); // one attempt each, no SDK retries
        Assert.Equal(2, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);

        upstream.EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        using var provider = new ModelMesh.ChatClients.ChatClientProvider("a", OpenAIChat(upstream), classify: ClassifyOpenAI);
        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(MeshFixture.Ask(model: "m")));
        Assert.Equal((ProviderErrorCategory.Server, true), (error.Category, error.IsRetryable));
    }
}
