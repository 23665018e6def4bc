using ModelMesh.Configuration;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Google;

/// <summary>google.gemini.v1 named in a config file, answering through a mesh, under the streaming contract (DESIGN §5.1).</summary>
public sealed class GeminiMeshTests
{
    private static MeshClient FromYaml(LoopbackUpstream gemini, LoopbackUpstream backup) => Mesh.FromConfiguration(
        MeshConfiguration.Parse($$"""
            providers:
              gemini:
                connector: google.gemini.v1
                config: { api_key: "{{GeminiFixture.ApiKey}}", base_url: "{{gemini.BaseUrl}}" }
              backup:
                connector: openai-compatible
                config: { base_url: "{{backup.BaseUrl}}" }
            models:
              gemini.gemini-2.5-flash:
                provider: gemini
                capabilities: [chat-completion]
              backup.m:
                provider: backup
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
                strategy: modelmesh.priority-selection.v1
                model_priority: [gemini.gemini-2.5-flash, backup.m]
                retry: { max_attempts: 1 }
            """, "gemini.yaml", new ConfigurationLoadOptions { Environment = _ => null }),
        new MeshConfigOptions { ReloadOnChange = false });

    private static ChatCompletionRequest Ask() => new() { Model = "chat", Messages = [ChatMessage.User("What is the capital of Wyoming?")] };

    private static string BackupStream(string text) =>
        "data: {\"id\":\"b1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task A_config_file_naming_the_connector_answers_whole_and_streamed_through_the_mesh()
    {
        await using var gemini = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        gemini.EnqueueJson(GeminiFixture.Capture("generate-content.json")).EnqueueSse(GeminiFixture.Capture("stream-generate-content.sse"));
        using var mesh = FromYaml(gemini, backup);

        var whole = await mesh.Chat.Completions.CreateAsync(Ask());
        var streamed = await GeminiFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(Ask()));

        Assert.Contains("Mountain View", whole.Choices[0].Message.Content, StringComparison.Ordinal);
        Assert.Equal("The capital of Wyoming is **Cheyenne**.\n", string.Concat(streamed.Select(c => c.Choices.FirstOrDefault()?.Delta.Content)));
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", gemini.Requests[0].Uri.PathAndQuery);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", gemini.Requests[1].Uri.PathAndQuery);
        Assert.Equal(GeminiFixture.ApiKey, gemini.Requests[1].Header("x-goog-api-key"));
        Assert.Empty(backup.Requests);
    }

    [Fact]
    public async Task A_stream_failing_before_its_first_content_fails_over_to_the_next_model()
    {
        await using var gemini = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        gemini.EnqueueJson(GeminiFixture.Capture("error-429-retry-info.json"), status: 429);
        backup.EnqueueSse(BackupStream("from backup"));
        using var mesh = FromYaml(gemini, backup);

        var chunks = await GeminiFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(Ask()));

        Assert.Equal("from backup", string.Concat(chunks.Select(c => c.Choices.FirstOrDefault()?.Delta.Content)));
        Assert.Single(gemini.Requests);
    }

    [Fact]
    public async Task A_stream_cut_after_content_without_a_finish_reason_is_interrupted_and_not_restarted()
    {
        await using var gemini = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        var capture = GeminiFixture.Capture("stream-generate-content.sse");
        gemini.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, capture[..capture.LastIndexOf("data: ", StringComparison.Ordinal)]);
        });
        backup.EnqueueSse(BackupStream("must not appear"));
        using var mesh = FromYaml(gemini, backup);

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => GeminiFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(Ask())));

        Assert.Equal("The capital of Wyoming", error.PartialText);
        Assert.IsAssignableFrom<ProviderException>(error.InnerException);
        Assert.Empty(backup.Requests);
    }
}
