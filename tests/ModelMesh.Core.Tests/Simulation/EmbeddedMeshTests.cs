using ModelMesh.Cdk;
using ModelMesh.Simulation;

namespace ModelMesh.Core.Tests.Simulation;

public sealed class EmbeddedMeshTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void With_nothing_in_the_environment_the_simulated_provider_serves_all_four_pools_and_the_banner_says_so()
    {
        using var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = _ => null });

        Assert.True(mesh.IsSimulated);
        Assert.Equal(["simulated"], mesh.Providers);
        Assert.Equal(["chat-completion", "text-embeddings", "text-to-speech", "speech-to-text"], mesh.Pools);
        Assert.Equal(mesh.Pools, mesh.Client.Pools);
        Assert.Contains("No provider key found in the environment: serving ModelMesh's built-in SIMULATED provider (deterministic answers, not a real model).", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("Set OPENAI_API_KEY", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("--config FILE", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("OLLAMA_HOST", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("simulated.chat", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("30 ms a word", mesh.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void An_OpenAI_key_in_the_environment_means_the_real_provider_and_the_banner_names_the_variables_never_their_values()
    {
        var env = Env(("OPENAI_API_KEY", "sk-secret-value-0123456789"), ("OPENAI_BASE_URL", "http://127.0.0.1:9/private-path"));

        using var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = env });

        Assert.False(mesh.IsSimulated);
        Assert.Equal(["openai"], mesh.Providers);
        Assert.Equal(["chat-completion", "text-embeddings", "text-to-speech", "speech-to-text"], mesh.Pools);
        Assert.Equal(["openai.gpt-4o", "openai.gpt-4o-mini", "openai.gpt-4.1", "openai.gpt-4.1-mini"], mesh.Client.PoolStatus("chat-completion").Models.Select(m => m.ModelId));
        Assert.Contains("openai from OPENAI_API_KEY and OPENAI_BASE_URL", mesh.Banner, StringComparison.Ordinal);
        Assert.Contains("chat-completion (4 models)", mesh.Banner, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", mesh.Banner, StringComparison.Ordinal);
        Assert.DoesNotContain("private-path", mesh.Banner, StringComparison.Ordinal);
        Assert.DoesNotContain("SIMULATED", mesh.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Firecrawl_key_alone_is_a_real_provider_now_and_serves_none_of_the_pools_so_it_is_an_error_naming_it()
    {
        // Firecrawl has its native connector (Providers/Firecrawl), which reads pages: no chat, embeddings or audio.
        var error = Assert.Throws<ConfigurationException>(() => EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = Env(("FIRECRAWL_API_KEY", "fc-secret-0123456789")) }));

        Assert.Contains("firecrawl from FIRECRAWL_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no native connector", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fc-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_capabilities_a_found_model_serves_get_a_pool()
    {
        using var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = Env(("GROQ_API_KEY", "gsk-0123456789")), Strategy = "cost-first" });

        Assert.Equal(["chat-completion", "speech-to-text"], mesh.Pools);
        Assert.Equal(RotationStrategies.CostFirst, mesh.Client.PoolStatus("chat-completion").Strategy);
        Assert.Contains("groq from GROQ_API_KEY", mesh.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_runtime_found_without_default_models_gets_the_chat_pool_its_model_discovery_fills()
    {
        // Issue 12: LM Studio's models are discovered from /v1/models at the first request (nothing is called here).
        using var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = Env(("LMSTUDIO_HOST", "127.0.0.1:9")) });

        Assert.Equal(["chat-completion"], mesh.Pools);
        Assert.Contains("lmstudio from LMSTUDIO_HOST: models discovered at the first request", mesh.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_detection_never_turns_the_simulated_provider_on()
    {
        Assert.True(ConnectorRegistry.TryGet(SimulatedUpstream.ConnectorId, out var connector));
        Assert.Null(connector.ApiKeyEnv);
        Assert.False(connector.RequiresApiKey);
        Assert.Equal("simulated", connector.Vendor);
        Assert.Equal(new Uri("http://simulated.modelmesh.invalid"), connector.DefaultBaseUrl);
        Assert.All(connector.Catalogue, m => Assert.Equal(new ModelPricing(0m, 0m, 0m), m.Pricing));

        var error = Assert.Throws<ConfigurationException>(() => Mesh.Create("chat-completion", new MeshOptions { Environment = _ => null }));
        Assert.Contains("No provider was found in the environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pace_out_of_range_is_rejected_naming_the_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddedMeshOptions { Pace = TimeSpan.FromMilliseconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedOptions { Pace = TimeSpan.FromSeconds(11) });
    }

    [Fact]
    public async Task Disposing_the_result_disposes_the_client()
    {
        var mesh = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = _ => null, Pace = TimeSpan.Zero });
        mesh.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => mesh.Client.Chat.Completions.CreateAsync(SimulatedMesh.Chat("hi")));
    }
}
