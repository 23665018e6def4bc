namespace ModelMesh.Core.Tests.Configuration;

public class MeshConfigurationExampleTests
{
    private const string ReadmeExample = """
        secrets:
          store: modelmesh.env.v1
        providers:
          openai.llm.v1:
            connector: openai.llm.v1
            config: { api_key: "${secrets:OPENAI_API_KEY}" }
          anthropic.claude.v1:
            connector: anthropic.claude.v1
            config: { api_key: "${secrets:ANTHROPIC_API_KEY}" }
        models:
          openai.gpt-4o:
            provider: openai.llm.v1
            capabilities: [generation.text-generation.chat-completion]
          anthropic.claude-sonnet-4:
            provider: anthropic.claude.v1
            capabilities: [generation.text-generation.chat-completion]
        pools:
          chat:
            capability: generation.text-generation.chat-completion
            strategy: modelmesh.stick-until-failure.v1      # README also uses short "stick-until-failure"
            failure_threshold: 3
          code-review:                                       # hybrid pool
            capability: generation.text-generation.code-generation
            models: [openai.gpt-4o]
        observability:
          connector: modelmesh.console.v1
        budget: { daily_limit: 5.0, monthly_limit: 50.0, alert_threshold: 0.8 }
        """;

    private const string DesignExample = """
        secrets: { store: modelmesh.env.v1 }
        providers:
          openai: { connector: openai.llm.v1, config: { api_key: "${secrets:OPENAI_API_KEY}" } }
          local:  { connector: openai-compatible, config: { base_url: "http://127.0.0.1:11434" } }
        models:
          openai.gpt-4o: { provider: openai, capabilities: [generation.text-generation.chat-completion] }
          local.llama3:  { provider: local,  capabilities: [generation.text-generation.chat-completion] }
        pools:
          chat-completion:
            capability: generation.text-generation.chat-completion
            strategy: modelmesh.priority-selection.v1
            model_priority: [openai.gpt-4o, local.llama3]
            failure_threshold: 3
            cooldown_seconds: 60
        budget: { daily_limit: 5.0, monthly_limit: 50.0 }
        """;

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["OPENAI_API_KEY"] = "sk-openai-test-0001",
        ["ANTHROPIC_API_KEY"] = "sk-ant-test-0002",
    };

    [Fact]
    public void Readme_example_parses_into_the_typed_model()
    {
        var config = ConfigTestSupport.Parse(ReadmeExample, Keys);

        Assert.Equal("modelmesh.env.v1", config.Secrets.Store);
        Assert.Equal(["openai.llm.v1", "anthropic.claude.v1"], config.Providers.Keys);
        var openai = config.Providers["openai.llm.v1"];
        Assert.Equal("openai.llm.v1", openai.Connector);
        Assert.True(openai.Enabled);
        Assert.Equal("sk-openai-test-0001", openai.Config!.Require("api_key").GetString());
        Assert.Equal("sk-ant-test-0002", config.Providers["anthropic.claude.v1"].Config!.Require("api_key").GetString());

        Assert.Equal(["openai.gpt-4o", "anthropic.claude-sonnet-4"], config.Models.Keys);
        var gpt = config.Models["openai.gpt-4o"];
        Assert.Equal("openai.llm.v1", gpt.Provider);
        Assert.Equal("gpt-4o", gpt.Model);
        Assert.Equal(["generation.text-generation.chat-completion"], gpt.Capabilities);
        Assert.Equal("claude-sonnet-4", config.Models["anthropic.claude-sonnet-4"].Model);
        Assert.Null(gpt.Pricing);

        var chat = config.Pools["chat"];
        Assert.Equal("generation.text-generation.chat-completion", chat.Capability);
        Assert.Equal("modelmesh.stick-until-failure.v1", chat.Strategy);
        Assert.Equal(3, chat.FailureThreshold);
        Assert.Empty(chat.Models);
        var review = config.Pools["code-review"];
        Assert.Equal("generation.text-generation.code-generation", review.Capability);
        Assert.Equal(["openai.gpt-4o"], review.Models);

        Assert.Equal("modelmesh.console.v1", config.Observability!.Connector);
        Assert.Equal(5.0m, config.Budget!.DailyLimit);
        Assert.Equal(50.0m, config.Budget.MonthlyLimit);
        Assert.Equal(0.8, config.Budget.AlertThreshold);
        Assert.True(config.Budget.Enforce);
        Assert.Null(config.Template);
    }

    [Fact]
    public void Design_example_parses_with_priorities_and_defaults()
    {
        var config = ConfigTestSupport.Parse(DesignExample, Keys);

        Assert.Equal("http://127.0.0.1:11434", config.Providers["local"].Config!.Require("base_url").GetString());
        Assert.Equal("llama3", config.Models["local.llama3"].Model);
        var pool = config.Pools["chat-completion"];
        Assert.Equal("modelmesh.priority-selection.v1", pool.Strategy);
        Assert.Equal(["openai.gpt-4o", "local.llama3"], pool.ModelPriority);
        Assert.Equal(TimeSpan.FromSeconds(60), pool.Cooldown);
        // Defaults for everything the file leaves out.
        Assert.Equal(0.5, pool.ErrorRateThreshold);
        Assert.Equal(20, pool.ErrorRateWindow);
        Assert.Equal("session_id", pool.SessionHeader);
        Assert.Equal(50, pool.LatencyWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), pool.MaxLatency);
        Assert.Equal(3, pool.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), pool.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), pool.Retry.MaxDelay);
        Assert.True(pool.Retry.HonorRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(120), pool.Retry.TotalTimeout);
        Assert.Null(pool.Timeouts.FirstToken);
        Assert.Null(config.Observability);
    }

    [Fact]
    public void Every_section_keeps_where_it_was_written()
    {
        var config = ConfigTestSupport.Parse(ReadmeExample, Keys);

        var gpt = config.Models["openai.gpt-4o"];
        Assert.Equal(new ConfigLocation("mesh.yaml", 11, 3, "models[\"openai.gpt-4o\"]"), gpt.Location);
        Assert.Equal(new ConfigLocation("mesh.yaml", 12, 5, "models[\"openai.gpt-4o\"].provider"), gpt.LocationOf("provider"));
        var chat = config.Pools["chat"];
        Assert.Equal(18, chat.Location.Line);
        Assert.Equal("pools.chat.strategy", chat.LocationOf("strategy").KeyPath);
        Assert.Equal(20, chat.LocationOf("strategy").Line);
        Assert.Equal(5, config.Providers["openai.llm.v1"].LocationOf("connector").Line);
        Assert.Equal(26, config.Observability!.LocationOf("connector").Line);
        Assert.Equal("mesh.yaml", config.Location.Source);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_locations()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelmesh-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, DesignExample);
        try
        {
            var config = MeshConfiguration.Load(path, ConfigTestSupport.Options(Keys));
            Assert.Equal(path, config.Pools["chat-completion"].Location.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_is_a_configuration_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelmesh-missing-{Guid.NewGuid():N}.yaml");
        var ex = Assert.Throws<ConfigurationException>(() => MeshConfiguration.Load(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_reads_the_same_model()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelmesh-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, ReadmeExample);
        try
        {
            var config = await MeshConfiguration.LoadAsync(path, ConfigTestSupport.Options(Keys));
            Assert.Equal(2, config.Pools.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_file_is_an_empty_configuration()
    {
        var config = ConfigTestSupport.Parse("# nothing yet\n");
        Assert.Empty(config.Providers);
        Assert.Empty(config.Pools);
        Assert.Null(config.Budget);
        Assert.Equal("modelmesh.env.v1", config.Secrets.Store);
    }
}
