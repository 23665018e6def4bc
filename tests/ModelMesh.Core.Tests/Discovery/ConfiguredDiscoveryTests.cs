using ModelMesh.Configuration;

namespace ModelMesh.Core.Tests.Discovery;

/// <summary>Issue 12: a configured provider that lists no models (or says <c>discover_models: true</c>) routes to what its server serves.</summary>
public sealed class ConfiguredDiscoveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_openai_compatible_provider_without_models_discovers_v1_models_and_answers()
    {
        await using var server = await FakeLocalRuntime.StartAsync(("local-model", null));
        using var client = Mesh.FromConfiguration(MeshConfiguration.Parse($$"""
            providers:
              local:
                connector: openai-compatible
                base_url: "{{server.Upstream.BaseUrl}}"
            pools:
              chat:
                capability: chat-completion
            """));
        var outcome = new RoutingOutcome();

        var answer = await client.Chat.Completions.CreateAsync(new() { Model = "chat", Messages = [ChatMessage.User("hi")] }, outcome).WaitAsync(Bound);

        Assert.Equal("from local-model", answer.Choices[0].Message.Content);
        Assert.Equal("local.local-model", outcome.ModelId);
        Assert.Equal(1, server.Calls("GET", "/v1/models"));
    }

    [Fact]
    public async Task Explicitly_configured_models_are_kept_and_discovery_adds_only_what_they_do_not_serve()
    {
        await using var server = await FakeLocalRuntime.StartAsync(("alpha", null), ("beta", null));
        using var client = Mesh.FromConfiguration(MeshConfiguration.Parse($$"""
            providers:
              local:
                connector: openai-compatible
                base_url: "{{server.Upstream.BaseUrl}}"
                discover_models: true
            models:
              local.my-alpha:
                provider: local
                model: alpha
                capabilities: [chat-completion]
                constraints: { context_window: 4096 }
            pools:
              chat:
                capability: chat-completion
            """));

        await client.Models.RefreshAsync().WaitAsync(Bound);
        var ids = (await client.Models.ListAsync()).Data.Select(e => e.Id).ToArray();

        Assert.Contains("local.my-alpha", ids);
        Assert.Contains("local.beta", ids);
        Assert.DoesNotContain("local.alpha", ids);
        Assert.Equal(["local.my-alpha", "local.beta"], client.PoolStatus("chat").Models.Select(m => m.ModelId));
    }

    [Fact]
    public async Task Discovered_capabilities_decide_what_a_model_listed_by_id_only_serves()
    {
        await using var server = await FakeLocalRuntime.StartAsync(("bge-small", null));
        using var client = Mesh.FromConfiguration(MeshConfiguration.Parse($$"""
            providers:
              local:
                connector: openai-compatible
                base_url: "{{server.Upstream.BaseUrl}}"
                discovered_capabilities: [text-embeddings]
            pools:
              embed:
                capability: text-embeddings
            """));

        await client.Models.RefreshAsync().WaitAsync(Bound);

        Assert.Equal(["local.bge-small"], client.PoolStatus("embed").Models.Select(m => m.ModelId));
        await Assert.ThrowsAsync<OperationNotServedException>(() => client.Chat.Completions.CreateAsync(new() { Model = "embed", Messages = [ChatMessage.User("hi")] }));
    }

    [Theory]
    [InlineData("discover_models: maybe", "discover_models")]
    [InlineData("discovered_capabilities: [chat-complet]", "discovered_capabilities")]
    [InlineData("discovered_capabilities: chat-completion", "discovered_capabilities")]
    [InlineData("discovery_timeout: 0s", "discovery_timeout")]
    public void A_wrong_discovery_setting_is_a_located_configuration_error(string line, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => MeshConfiguration.Parse($$"""
            providers:
              local:
                connector: openai-compatible
                base_url: "http://127.0.0.1:9"
                {{line}}
            pools:
              chat:
                capability: chat-completion
            """, "mesh.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(5, problem.Location.Line);
        Assert.Contains(key, problem.Location.KeyPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_discovery_with_nothing_routable_says_why_without_the_key()
    {
        const string Key = "sk-local-secret-0123456789";
        await using var server = await FakeLocalRuntime.StartAsync();
        server.ListStatus = 401;
        server.ListErrorBody = "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + "\",\"type\":\"invalid_request_error\"}}";
        using var client = Mesh.FromConfiguration(MeshConfiguration.Parse($$"""
            providers:
              local:
                connector: openai-compatible
                base_url: "{{server.Upstream.BaseUrl}}"
                api_key: "{{Key}}"
            pools:
              chat:
                capability: chat-completion
            """));

        var error = await Assert.ThrowsAsync<NoActiveModelException>(() => client.Chat.Completions.CreateAsync(new() { Model = "chat", Messages = [ChatMessage.User("hi")] }).WaitAsync(Bound));

        Assert.Contains("model discovery of provider 'local' failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_with_a_catalogue_and_no_models_keeps_its_catalogue_and_does_not_discover_unless_told()
    {
        await using var server = await FakeLocalRuntime.StartAsync();
        server.AlsoAnswers.Add("gpt-4o");
        using var client = Mesh.FromConfiguration(MeshConfiguration.Parse($$"""
            providers:
              openai:
                connector: openai.llm.v1
                api_key: sk-test-0123456789
                base_url: "{{server.Upstream.BaseUrl}}"
            pools:
              chat:
                capability: chat-completion
            """));

        await client.Models.RefreshAsync().WaitAsync(Bound);
        var answer = await client.Chat.Completions.CreateAsync(new() { Model = "openai.gpt-4o", Messages = [ChatMessage.User("hi")] }).WaitAsync(Bound);

        Assert.Equal("from gpt-4o", answer.Choices[0].Message.Content);
        Assert.Contains("openai.gpt-4o-mini", client.PoolStatus("chat").Models.Select(m => m.ModelId));
        Assert.Equal(0, server.Calls("GET", "/v1/models"));
    }
}
