using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.AzureOpenAI;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.AzureOpenAI;

/// <summary>azure-openai.llm.v1 against a loopback upstream speaking Azure's wire format.</summary>
public sealed class AzureOpenAITests
{
    private const string Key = "azure-key-0123456789";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static AzureOpenAIProvider Provider(LoopbackUpstream upstream, string? settingsYaml = null, IReadOnlyDictionary<string, string>? headers = null, string? key = Key, string path = "") =>
        new(new ProviderOptions("azure", new Uri(upstream.BaseUrl, path))
        {
            ApiKey = key,
            Headers = headers,
            RequestTimeout = TimeSpan.FromSeconds(10),
            StreamIdleTimeout = TimeSpan.FromSeconds(10),
            Settings = settingsYaml is null ? null : ConnectorSettings.Parse(settingsYaml),
        });

    private static ChatCompletionRequest Ask(string deployment = "gpt-4o-prod") => new() { Model = deployment, Messages = [ChatMessage.User("Hello")], MaxTokens = 20 };

    private static async Task<List<ChatCompletionChunk>> StreamAsync(BaseProvider provider, ChatCompletionRequest request)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(request).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            chunks.Add(chunk);
        }
        return chunks;
    }

    [Fact]
    public async Task Chat_goes_to_the_deployment_with_the_api_version_and_the_key_in_api_key_only()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("hi"));
        using var provider = Provider(upstream);

        var completion = await provider.CompleteAsync(Ask("my deployment")).WaitAsync(Bound);

        Assert.Equal("hi", completion.Choices[0].Message.Text);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/openai/deployments/my%20deployment/chat/completions", sent.Uri.AbsolutePath);
        Assert.Equal("?api-version=2024-10-21", sent.Uri.Query);
        Assert.Equal(Key, sent.Header("api-key"));
        Assert.Null(sent.Header("Authorization"));
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal("my deployment", body.GetProperty("model").GetString());
        Assert.Equal("Hello", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(20, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task The_configured_api_version_and_a_base_url_ending_in_openai_are_used_and_embeddings_go_to_the_deployment()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}""");
        using var provider = Provider(upstream, "api_version: 2025-04-01-preview", path: "/openai/");

        var response = await provider.EmbedAsync(new EmbeddingRequest { Model = "embed-prod", Input = EmbeddingInput.FromText("hi") }).WaitAsync(Bound);

        Assert.Single(response.Data);
        Assert.Equal("2025-04-01-preview", provider.ApiVersion);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/openai/deployments/embed-prod/embeddings", sent.Uri.AbsolutePath);
        Assert.Equal("?api-version=2025-04-01-preview", sent.Uri.Query);
    }

    [Fact]
    public async Task A_configured_Authorization_header_for_Entra_ID_is_kept_and_replaces_the_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("hi"));
        using var provider = Provider(upstream, key: null, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer entra-token", ["x-ms-client-request-id"] = "r1" });

        await provider.CompleteAsync(Ask()).WaitAsync(Bound);

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("Bearer entra-token", sent.Header("Authorization"));
        Assert.Null(sent.Header("api-key"));
        Assert.Equal("r1", sent.Header("x-ms-client-request-id"));
    }

    [Fact]
    public async Task No_key_and_no_credential_header_is_a_configuration_error_and_a_bad_api_version_is_located()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();

        var noKey = Assert.Throws<ConfigurationException>(() => Provider(upstream, key: null));
        Assert.Contains("'api_key'", noKey.Message, StringComparison.Ordinal);
        var badVersion = Assert.Throws<ConfigurationException>(() => Provider(upstream, "api_version: \"2024/10/21\""));
        Assert.Equal("api_version", badVersion.KeyPath);
    }

    [Theory]
    [InlineData("azure/chat-stream-content-filter.sse", "Capital of Denmark.", 8)]
    [InlineData("azure/chat-stream-async-filter.sse", "Kindness", 6)]
    public async Task Captured_streams_keep_the_filter_chunks_and_their_results(string capture, string text, int chunkCount)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(ConformanceCaptures.ReadBytes(capture), "text/event-stream");
        using var provider = Provider(upstream);

        var chunks = await StreamAsync(provider, Ask());

        Assert.Equal(chunkCount, chunks.Count);
        Assert.Empty(chunks[0].Choices); // the prompt-filter chunk has no choices
        Assert.True(chunks[0].AdditionalProperties!.ContainsKey("prompt_filter_results"));
        Assert.Contains(chunks, c => c.Choices.Any(choice => choice.AdditionalProperties?.ContainsKey("content_filter_results") == true));
        var completion = MeshlessAccumulate(chunks);
        Assert.Equal(text, completion.Choices[0].Message.Text);
        Assert.Equal(FinishReason.Stop, completion.Choices[0].FinishReason);
        var sent = Assert.Single(upstream.Requests);
        Assert.True(JsonDocument.Parse(sent.Body!).RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions", sent.Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_partly_filtered_answer_keeps_its_content_and_its_content_filter_finish_reason()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(FilteredCompletion("Part of it"));
        using var provider = Provider(upstream);

        var completion = await provider.CompleteAsync(Ask()).WaitAsync(Bound);

        Assert.Equal("Part of it", completion.Choices[0].Message.Text);
        Assert.Equal(FinishReason.ContentFilter, completion.Choices[0].FinishReason);
        Assert.True(completion.Choices[0].AdditionalProperties!.ContainsKey("content_filter_results"));
    }

    [Fact]
    public async Task A_wholly_filtered_answer_is_a_content_filter_error_whole_and_streamed()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(FilteredCompletion(null));
        upstream.EnqueueSse(
            "data: {\"choices\":[],\"id\":\"\",\"model\":\"\",\"created\":0,\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\",\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}]}\n\n"
            + "data: [DONE]\n\n");
        using var provider = Provider(upstream);

        var whole = await Assert.ThrowsAsync<ContentFilterException>(() => provider.CompleteAsync(Ask()).WaitAsync(Bound));
        var streamed = await Assert.ThrowsAsync<ContentFilterException>(() => StreamAsync(provider, Ask()));

        Assert.False(whole.IsRetryable);
        Assert.Equal(ProviderErrorCategory.ContentFilter, streamed.Category);
        Assert.Equal("content_filter", whole.ErrorCode);
    }

    [Fact]
    public async Task Azures_prompt_filter_400_is_a_content_filter_error_and_never_shows_the_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""
            {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy (key azure-key-0123456789).","type":null,"param":"prompt","code":"content_filter","status":400,
            "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}}}}
            """, status: 400);
        using var provider = Provider(upstream);

        var error = await Assert.ThrowsAsync<ContentFilterException>(() => provider.CompleteAsync(Ask()).WaitAsync(Bound));

        Assert.False(error.IsRetryable);
        Assert.Equal(400, error.StatusCode);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_file_naming_the_connector_answers_through_the_mesh_at_the_deployment()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("from azure"));
        var path = WriteConfig($$"""
            providers:
              azure:
                connector: azure-openai.llm.v1
                config: { base_url: "{{upstream.BaseUrl}}", api_key: "{{Key}}", api_version: 2024-06-01 }
            models:
              azure.gpt-4o:
                provider: azure
                model: gpt-4o-prod
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false });
            var completion = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(Bound);

            Assert.Equal("from azure", completion.Choices[0].Message.Text);
            var sent = Assert.Single(upstream.Requests);
            Assert.Equal("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-06-01", sent.Uri.PathAndQuery);
            Assert.Equal(Key, sent.Header("api-key"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_config_file_without_base_url_is_a_located_error_saying_so()
    {
        var path = WriteConfig("""
            providers:
              azure:
                connector: azure-openai.llm.v1
                config: { api_key: k }
            models:
              azure.gpt-4o:
                provider: azure
                model: gpt-4o-prod
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
            """);
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false }));

            Assert.Contains("needs 'base_url' under 'config'", error.Message, StringComparison.Ordinal);
            Assert.Contains("azure-openai.llm.v1", error.Message, StringComparison.Ordinal);
            Assert.Equal(path, error.FilePath);
            Assert.Equal(2, error.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_registry_has_the_connector_with_no_base_url_no_catalogue_and_no_detection_variable()
    {
        var connector = ConnectorRegistry.Get(AzureOpenAIProvider.ConnectorId);

        Assert.Equal("azure-openai", connector.Vendor);
        Assert.Null(connector.DefaultBaseUrl);
        Assert.Null(connector.ApiKeyEnv); // a key alone does not say where the resource is
        Assert.Empty(connector.Catalogue);
        Assert.Equal([AzureOpenAIProvider.ApiVersionKey], connector.SettingKeys);
    }

    private static string FilteredCompletion(string? content) =>
        "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}],"
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"" + (content is null ? string.Empty : ",\"content\":\"" + content + "\"") + "},"
        + "\"finish_reason\":\"content_filter\",\"content_filter_results\":{\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}";

    private static ChatCompletion MeshlessAccumulate(IEnumerable<ChatCompletionChunk> chunks)
    {
        var accumulator = new ChatStreamAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Add(chunk);
        }
        return accumulator.ToCompletion();
    }

    private static string WriteConfig(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), "mm-azure-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
