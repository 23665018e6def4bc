using ModelMesh.Simulation;

namespace ModelMesh.Core.Tests.Simulation;

public sealed class SimulatedConfigurationTests
{
    private static MeshClient FromYaml(string yaml, TimeProvider? clock = null) =>
        Mesh.FromConfiguration(MeshConfiguration.Parse(yaml, "sim.yaml", new ConfigurationLoadOptions { Environment = _ => null }),
            new MeshConfigOptions { ReloadOnChange = false, TimeProvider = clock ?? TimeProvider.System });

    [Theory]
    [InlineData("modelmesh.simulated.v1")]
    [InlineData("simulated")]
    public async Task A_config_file_can_name_the_simulated_connector_and_gets_its_catalogue(string connector)
    {
        using var mesh = FromYaml($$"""
            providers:
              sim: { connector: {{connector}}, config: { pace: 0ms } }
            pools:
              chat: { capability: chat-completion }
              vectors: { capability: text-embeddings }
            """);

        var reply = await mesh.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("From config")] }, SimulatedMesh.Bounded());
        var vectors = await mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "vectors", Input = EmbeddingInput.FromTexts(["x"]), Dimensions = 3 }, SimulatedMesh.Bounded());

        Assert.StartsWith("Simulated answer to \"From config\"", reply.Choices[0].Message.Content, StringComparison.Ordinal);
        Assert.Equal(["sim.chat"], mesh.PoolStatus("chat").Models.Select(m => m.ModelId));
        Assert.Equal(3, vectors.Data[0].Vector.Values.Length);
    }

    [Fact]
    public async Task The_pace_setting_reaches_the_simulated_upstream()
    {
        var clock = new SignallingClock(TimeSpan.FromMilliseconds(1500));
        using var mesh = FromYaml("""
            providers:
              sim: { connector: modelmesh.simulated.v1, config: { pace: 1500ms } }
            pools:
              chat: { capability: chat-completion }
            """, clock);
        var request = new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("Slowly")], MaxTokens = 2 };
        await using var chunks = mesh.Chat.Completions.StreamAsync(request, SimulatedMesh.Bounded()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());

        var next = chunks.MoveNextAsync().AsTask();
        await clock.WaitForWaiterAsync();
        Assert.False(next.IsCompleted);
        clock.Fake.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.True(await next);
        Assert.Equal("answer", chunks.Current.Choices[0].Delta.Content);
    }

    [Theory]
    [InlineData("fast", "a duration")]
    [InlineData("11s", "10")]
    public void A_bad_pace_is_a_located_configuration_error(string pace, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => FromYaml($$"""
            providers:
              sim: { connector: modelmesh.simulated.v1, config: { pace: {{pace}} } }
            pools:
              chat: { capability: chat-completion }
            """));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("providers.sim.config.pace", problem.Location.KeyPath);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pace_is_not_a_key_of_other_connectors()
    {
        var error = Assert.Throws<ConfigurationException>(() => FromYaml("""
            providers:
              local: { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9", pace: 1s } }
            models:
              local.m: { provider: local, capabilities: [chat-completion] }
            pools:
              chat: { capability: chat-completion }
            """));

        Assert.Contains(error.Problems, p => p.Location.KeyPath == "providers.local.config.pace");
    }

    [Fact]
    public void The_simulated_connector_is_what_the_registry_lists()
    {
        Assert.Contains(Cdk.ConnectorRegistry.Providers, c => c.Id == SimulatedUpstream.ConnectorId);
    }
}
